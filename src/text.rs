//! Plain text from the build's sanitized HTML (for search). Escaping lives with the one door
//! for markup, `crate::html`.

/// The text content of an HTML fragment, entities decoded; a closing paragraph or line break
/// becomes a newline, any other tag a space.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                out.push(' ');
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
    use super::plain;

    #[test]
    fn tags_become_spaces_paragraphs_lines_and_entities_decode() {
        assert_eq!(plain("<p>A <code>x &lt; y</code></p>"), " A  x < y \n ");
        assert_eq!(plain("Ünïcode &amp; more"), "Ünïcode & more");
    }
}
