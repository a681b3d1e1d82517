//! Plain text from the build's sanitized HTML (for search), and numbers as people read them.
//! Escaping lives with the one door for markup, `crate::html`.

/// A count with thousands separators: 1561 → "1,561".
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The text content of an HTML fragment, entities decoded; a closing paragraph or line break
/// becomes a newline, any other tag a space.
pub fn plain(html: &str) -> String {
    text_of(html, " ")
}

/// The text of highlighted code: tags dropped without a space (a token is a span of its own).
pub fn code_text(html: &str) -> String {
    text_of(html, "")
}

fn text_of(html: &str, tag_gap: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                out.push_str(tag_gap);
            }
            if c == '/' && (rest.starts_with("/p>") || rest.starts_with("/pre>")) {
                out.push('\n');
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '<' {
            in_tag = true;
            rest = &rest[1..];
            continue;
        }
        if c == '&' {
            let entities = [
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&amp;", '&'),
                ("&quot;", '"'),
                ("&#39;", '\''),
                ("&#x27;", '\''),
            ];
            if let Some((entity, ch)) = entities.iter().find(|(e, _)| rest.starts_with(e)) {
                out.push(*ch);
                rest = &rest[entity.len()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(super::count(0), "0");
        assert_eq!(super::count(999), "999");
        assert_eq!(super::count(1561), "1,561");
        assert_eq!(super::count(1_234_567), "1,234,567");
    }

    use super::{code_text, plain};

    #[test]
    fn code_keeps_its_spacing() {
        assert_eq!(
            code_text(r#"<pre class="code"><span class="hl-keyword">def</span> f(x):</pre>"#),
            "def f(x):\n"
        );
    }

    #[test]
    fn tags_become_spaces_paragraphs_lines_and_entities_decode() {
        assert_eq!(plain("<p>A <code>x &lt; y</code></p>"), " A  x < y \n ");
        assert_eq!(plain("Ünïcode &amp; more"), "Ünïcode & more");
    }
}
