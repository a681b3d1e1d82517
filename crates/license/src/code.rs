//! The key's text: Crockford base32 in groups of eight characters, seven carrying data and the
//! eighth a check character, so that a typo is caught, and located, before any signature check.
//!
//! The check character is a CRC-5 (polynomial x⁵ + x⁴ + x² + 1) over the group's 35 data bits,
//! seeded with the group's number. A CRC of degree 5 catches every burst of up to five bits, so
//! any one mistyped character in a group is always caught; two or more are caught 31 times in
//! 32. The seed makes a group pasted in the wrong place fail too.

/// Crockford's alphabet: digits and letters without I, L, O and U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a group: [`DATA_CHARS`] and one check character.
pub const GROUP_CHARS: usize = 8;
/// Data characters in a group (35 bits).
pub const DATA_CHARS: usize = 7;
const CRC5_POLY: u8 = 0b1_0101; // x⁵ + x⁴ + x² + 1 without the x⁵ term

/// Why a text is not a well-formed key (before any signature check).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    Empty,
    /// A character that is not in the alphabet (after case folding and the usual substitutions).
    BadCharacter(char),
    /// The number of key characters (separators left out) and how many a key has.
    WrongLength {
        found: usize,
        expected: usize,
    },
    /// Groups (1-based) whose check character does not match.
    Typo(Vec<usize>),
}

/// The value of a character typed by a person: case-insensitive, O read as 0 and I or L as 1.
fn value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u8)
}

fn crc5(group: usize, data: &[u8]) -> u8 {
    let mut crc: u8 = (group as u8) & 0x1f;
    for &symbol in data {
        for bit in (0..5).rev() {
            let top = (crc >> 4) & 1;
            crc = ((crc << 1) | ((symbol >> bit) & 1)) & 0x1f;
            if top == 1 {
                crc ^= CRC5_POLY;
            }
        }
    }
    // Five zero bits flush the register, so the check depends on every data bit.
    for _ in 0..5 {
        let top = (crc >> 4) & 1;
        crc = (crc << 1) & 0x1f;
        if top == 1 {
            crc ^= CRC5_POLY;
        }
    }
    crc
}

/// Groups needed for `bytes` bytes.
pub const fn groups_for(bytes: usize) -> usize {
    (bytes * 8).div_ceil(DATA_CHARS * 5)
}

/// `bytes` as grouped text, e.g. `7K2M9QXA-…`.
pub fn encode(bytes: &[u8]) -> String {
    let groups = groups_for(bytes.len());
    let mut symbols = Vec::with_capacity(groups * DATA_CHARS);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            symbols.push(((acc >> bits) & 0x1f) as u8);
        }
    }
    if bits > 0 {
        symbols.push(((acc << (5 - bits)) & 0x1f) as u8);
    }
    symbols.resize(groups * DATA_CHARS, 0);
    let mut out = String::with_capacity(groups * (GROUP_CHARS + 1));
    for (g, data) in symbols.chunks(DATA_CHARS).enumerate() {
        if g > 0 {
            out.push('-');
        }
        for &s in data.iter().chain([crc5(g + 1, data)].iter()) {
            out.push(ALPHABET[usize::from(s)] as char);
        }
    }
    out
}

/// The `len` bytes a key text carries. Spaces, hyphens and line breaks anywhere are ignored.
pub fn decode(text: &str, len: usize) -> Result<Vec<u8>, TextError> {
    let mut symbols = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || c == '-' {
            continue;
        }
        symbols.push(value(c).ok_or(TextError::BadCharacter(c))?);
    }
    if symbols.is_empty() {
        return Err(TextError::Empty);
    }
    let groups = groups_for(len);
    if symbols.len() != groups * GROUP_CHARS {
        return Err(TextError::WrongLength {
            found: symbols.len(),
            expected: groups * GROUP_CHARS,
        });
    }
    let typos: Vec<usize> = symbols
        .chunks(GROUP_CHARS)
        .enumerate()
        .filter(|(g, group)| crc5(g + 1, &group[..DATA_CHARS]) != group[DATA_CHARS])
        .map(|(g, _)| g + 1)
        .collect();
    if !typos.is_empty() {
        return Err(TextError::Typo(typos));
    }
    let mut bytes = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for group in symbols.chunks(GROUP_CHARS) {
        for &s in &group[..DATA_CHARS] {
            acc = (acc << 5) | u32::from(s);
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                if bytes.len() < len {
                    bytes.push((acc >> bits) as u8);
                } else if (acc >> bits) & 0xff != 0 {
                    // Padding must be zero: anything else is not a key this encoder wrote.
                    return Err(TextError::Typo(vec![groups]));
                }
                acc &= (1 << bits) - 1;
            }
        }
    }
    if acc != 0 {
        return Err(TextError::Typo(vec![groups]));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reads_sloppy_typing() {
        let bytes: Vec<u8> = (0..77u8).map(|b| b.wrapping_mul(37)).collect();
        let text = encode(&bytes);
        assert_eq!(text.len(), 18 * 8 + 17);
        assert_eq!(decode(&text, 77).unwrap(), bytes);
        let sloppy = text
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(decode(&sloppy, 77).unwrap(), bytes);
    }

    #[test]
    fn every_single_character_typo_is_caught_in_its_group() {
        let bytes: Vec<u8> = (0..77u8)
            .map(|b| b.wrapping_mul(91).wrapping_add(7))
            .collect();
        let clean: Vec<u8> = encode(&bytes).replace('-', "").into_bytes();
        for at in 0..clean.len() {
            for &replacement in ALPHABET {
                if replacement == clean[at] {
                    continue;
                }
                let mut typed = clean.clone();
                typed[at] = replacement;
                let typed = String::from_utf8(typed).unwrap();
                assert_eq!(
                    decode(&typed, 77),
                    Err(TextError::Typo(vec![at / GROUP_CHARS + 1])),
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn a_group_in_the_wrong_place_is_caught() {
        let bytes: Vec<u8> = (0..77u8).collect();
        let text = encode(&bytes);
        let mut groups: Vec<&str> = text.split('-').collect();
        groups.swap(2, 5);
        match decode(&groups.join("-"), 77) {
            Err(TextError::Typo(g)) => assert!(g.contains(&3) && g.contains(&6)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn says_what_is_wrong_with_text_that_is_not_a_key() {
        assert_eq!(decode("  - ", 77), Err(TextError::Empty));
        assert_eq!(decode("ABC#", 77), Err(TextError::BadCharacter('#')));
        assert_eq!(decode("ABCU", 77), Err(TextError::BadCharacter('U')));
        assert_eq!(
            decode("ABCD", 77),
            Err(TextError::WrongLength {
                found: 4,
                expected: 144
            })
        );
    }
}
