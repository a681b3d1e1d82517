//! The one door for raw HTML. Markup reaches the page through `inner_html` only as an [`Html`],
//! and an `Html` comes from one of three places: the corpus (rendered and sanitized by the
//! content compiler at build time), text (escaped here), or the app's own markup builders, whose
//! every dynamic part goes through [`escape`] or is a number. `tests/e2e/raw-html.test.mjs`
//! fails the build if any other sink appears in `src/` (an `inner_html` whose value is not an
//! `Html`, or `set_inner_html`, `insertAdjacentHTML`, `outer_html`).

/// Markup that is safe to insert.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// Corpus HTML: rendered from Markdown, highlighted and sanitized (ammonia) by the content
    /// compiler; raw HTML written in content arrives escaped.
    pub fn from_corpus(html: String) -> Html {
        Html(html)
    }

    /// Markup the app assembled from literals, numbers and [`escape`]d text.
    pub fn from_markup(markup: String) -> Html {
        Html(markup)
    }

    /// Plain text, escaped.
    pub fn text(text: &str) -> Html {
        Html(escape(text))
    }

    /// `text` with the byte ranges `spans` wrapped in `<mark>` (search matches), escaped; spans
    /// that overlap, run backwards or fall off a character boundary are skipped.
    pub fn highlighted(text: &str, spans: &[(usize, usize)]) -> Html {
        let mut out = String::with_capacity(text.len() + spans.len() * 13);
        let mut at = 0;
        for &(start, end) in spans {
            // `is_char_boundary` is false past the end, too.
            if start < at
                || end <= start
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            out.push_str(&escape(&text[at..start]));
            out.push_str("<mark>");
            out.push_str(&escape(&text[start..end]));
            out.push_str("</mark>");
            at = end;
        }
        out.push_str(&escape(&text[at..]));
        Html(out)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The markup, for `inner_html`.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Escapes text for an HTML/SVG element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::Html;

    #[test]
    fn text_is_escaped_and_spans_are_marked() {
        assert_eq!(Html::text("<b>&\"").into_inner(), "&lt;b&gt;&amp;&quot;");
        assert_eq!(
            Html::highlighted("a <gil> b", &[(3, 6)]).into_inner(),
            "a &lt;<mark>gil</mark>&gt; b"
        );
        assert_eq!(
            Html::highlighted("naïve", &[(0, 3), (2, 4), (9, 12)]).into_inner(),
            "na<mark>ï</mark>ve",
            "spans off a character boundary or the end are skipped"
        );
    }
}
