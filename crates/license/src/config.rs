//! `unlock.toml`: what the unlock screen offers and which keys this build accepts. The app's
//! build script compiles it in; the issuer CLI reads it to verify keys as the app would.

use serde::Deserialize;

use crate::hex::from_hex;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// What the unlock costs, as shown (e.g. "$19, once").
    pub price: String,
    /// Where to buy a key.
    pub purchase_url: String,
    /// Public keys by id.
    pub public_keys: Vec<(u8, [u8; 32])>,
    pub revoked_key_ids: Vec<u8>,
    pub revoked_purchasers: Vec<[u8; 8]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    price: String,
    purchase_url: String,
    #[serde(default)]
    public_key: Vec<RawKey>,
    #[serde(default)]
    revoked: RawRevoked,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    id: u8,
    key: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRevoked {
    #[serde(default)]
    key_ids: Vec<u8>,
    #[serde(default)]
    purchasers: Vec<String>,
}

impl Config {
    /// Parses `unlock.toml`; the error names what is wrong and where.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
        if raw.price.trim().is_empty() {
            return Err("price is empty: write what the unlock costs, e.g. \"$19, once\"".into());
        }
        if !raw.purchase_url.starts_with("https://") {
            return Err(format!(
                "purchase_url `{}` must be an https:// address",
                raw.purchase_url
            ));
        }
        let mut public_keys = Vec::new();
        for k in &raw.public_key {
            let key = from_hex::<32>(&k.key).ok_or_else(|| {
                format!(
                    "public_key id {}: key must be 64 hex digits (32 bytes)",
                    k.id
                )
            })?;
            if public_keys.iter().any(|(id, _)| *id == k.id) {
                return Err(format!("public_key id {} is listed twice", k.id));
            }
            public_keys.push((k.id, key));
        }
        if public_keys.is_empty() {
            return Err("no [[public_key]]: add the one `license keygen` printed".into());
        }
        let revoked_purchasers = raw
            .revoked
            .purchasers
            .iter()
            .map(|p| {
                from_hex::<8>(p).ok_or_else(|| {
                    format!("revoked purchaser `{p}` must be 16 hex digits (as `license verify` prints it)")
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Config {
            price: raw.price,
            purchase_url: raw.purchase_url,
            public_keys,
            revoked_key_ids: raw.revoked.key_ids,
            revoked_purchasers,
        })
    }

    pub fn keyring(&self) -> crate::Keyring<'_> {
        crate::Keyring {
            public_keys: &self.public_keys,
            revoked_key_ids: &self.revoked_key_ids,
            revoked_purchasers: &self.revoked_purchasers,
        }
    }
}
