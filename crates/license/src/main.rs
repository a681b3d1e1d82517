//! The issuer's tool. Private keys never enter the repository: `keygen` writes one to a file
//! outside it, and the others read it from `--key FILE` or `PREPWISE_SIGNING_KEY` (the file's
//! contents).
//!
//! license keygen --id N --out FILE        a new keypair; prints the [[public_key]] for unlock.toml
//! license issue --purchaser ORDER         one key for an order number or e-mail
//! license batch N [--prefix P]            N keys as CSV (serial, purchaser, key) for a store's pool
//! license verify KEY                      checks a key as the app does (against unlock.toml)
//!
//! issue and batch take --key FILE (or PREPWISE_SIGNING_KEY) and --date YYYY-MM-DD (default today);
//! verify takes --config FILE (default unlock.toml).

use std::io::Write;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::SigningKey;
use license::hex::{from_hex, hex};
use license::{sign, Config};

const USAGE: &str = "usage: license keygen --id N --out FILE
       license issue --purchaser ORDER [--key FILE] [--date YYYY-MM-DD]
       license batch N [--prefix PREFIX] [--key FILE] [--date YYYY-MM-DD]
       license verify KEY [--config unlock.toml]";
const FILE_HEADER: &str = "prepwise-signing-key 1";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("license: {message}");
            ExitCode::FAILURE
        }
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("keygen") => keygen(args),
        Some("issue") => {
            let (id, signing) = signing_key(args)?;
            let order = flag(args, "--purchaser").ok_or("issue needs --purchaser ORDER")?;
            let key = sign::issue(&signing, id, sign::purchaser_reference(order), day(args)?);
            println!("{}", key.to_text());
            Ok(())
        }
        Some("batch") => {
            let n: u32 = args
                .get(1)
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .ok_or("batch needs a count: license batch 100")?;
            let (id, signing) = signing_key(args)?;
            let day = day(args)?;
            let prefix = flag(args, "--prefix").unwrap_or("pool");
            let mut out = std::io::stdout().lock();
            writeln!(out, "serial,purchaser,key").map_err(|e| e.to_string())?;
            for i in 1..=n {
                let serial = format!("{prefix}-{day}-{i:05}");
                let purchaser = sign::purchaser_reference(&serial);
                let key = sign::issue(&signing, id, purchaser, day);
                writeln!(out, "{serial},{},{}", hex(&purchaser), key.to_text())
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Some("verify") => {
            let text = args.get(1).ok_or("verify needs a key")?;
            let path = flag(args, "--config").unwrap_or("unlock.toml");
            let config = std::fs::read_to_string(path)
                .map_err(|e| format!("{path}: {e}"))
                .and_then(|t| Config::parse(&t).map_err(|e| format!("{path}: {e}")))?;
            let key = sign::verify(text, &config.keyring()).map_err(|e| e.to_string())?;
            println!(
                "valid: key id {}, issued on day {}, purchaser {}",
                key.payload.key_id,
                key.payload.issued_day,
                hex(&key.payload.purchaser)
            );
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

fn keygen(args: &[String]) -> Result<(), String> {
    let id: u8 = flag(args, "--id")
        .and_then(|n| n.parse().ok())
        .ok_or("keygen needs --id N (0–255), unique among the keys in unlock.toml")?;
    let out = flag(args, "--out").ok_or("keygen needs --out FILE, outside the repository")?;
    let path = std::path::Path::new(out);
    if path.exists() {
        return Err(format!("{out} exists: refusing to overwrite a signing key"));
    }
    let mut seed = [0u8; 32];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut seed);
    let signing = SigningKey::from_bytes(&seed);
    let text = format!("{FILE_HEADER}\nid {id}\nseed {}\n", hex(signing.as_bytes()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("{out}: {e}"))?;
    eprintln!("wrote the private key to {out}: keep it secret and out of the repository");
    println!(
        "[[public_key]]\nid = {id}\nkey = \"{}\"",
        hex(signing.verifying_key().as_bytes())
    );
    Ok(())
}

/// The signing key from `--key FILE` or `PREPWISE_SIGNING_KEY`, with its id.
fn signing_key(args: &[String]) -> Result<(u8, SigningKey), String> {
    let text = match flag(args, "--key") {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?,
        None => std::env::var("PREPWISE_SIGNING_KEY")
            .map_err(|_| "no signing key: pass --key FILE or set PREPWISE_SIGNING_KEY")?,
    };
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if lines.next() != Some(FILE_HEADER) {
        return Err(format!(
            "not a signing key file (it starts with `{FILE_HEADER}`)"
        ));
    }
    let id = lines
        .next()
        .and_then(|l| l.strip_prefix("id "))
        .and_then(|n| n.parse().ok())
        .ok_or("signing key file: the second line is `id N`")?;
    let seed = lines
        .next()
        .and_then(|l| l.strip_prefix("seed "))
        .and_then(from_hex::<32>)
        .ok_or("signing key file: the third line is `seed` and 64 hex digits")?;
    Ok((id, SigningKey::from_bytes(&seed)))
}

/// `--date YYYY-MM-DD` or today (UTC), as days since 1970-01-01.
fn day(args: &[String]) -> Result<u16, String> {
    let days = match flag(args, "--date") {
        Some(date) => days_from_iso(date).ok_or(format!("--date `{date}` is not YYYY-MM-DD"))?,
        None => {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|e| e.to_string())?
                .as_secs()
                / 86_400
        }
    };
    u16::try_from(days).map_err(|_| "the date is out of range".into())
}

fn days_from_iso(date: &str) -> Option<u64> {
    let mut parts = date.split('-').map(|p| p.parse().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    let date = engine::LocalDate::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
    u64::try_from(date.days_since_epoch()).ok()
}
