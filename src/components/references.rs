//! Further reading under an explanation: each source by its title, and a link where the author
//! gave an address.

use engine::Reference;

use crate::html::{escape, Html};

/// The references as markup (inserted with `inner_html`). Links open in a new tab, so the
/// sitting stays where it was, and carry neither opener nor referrer. Only http(s) addresses
/// become links: the content compiler accepts no others, and this is the second line of defence.
pub fn references_html(references: &[Reference]) -> Html {
    let items: Vec<String> = references
        .iter()
        .map(|r| {
            let title = escape(&r.title);
            match r.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                Some(url) => format!(
                    r#"<a href="{}" target="_blank" rel="noopener noreferrer">{title}<span class="sr-only"> (opens in a new tab)</span></a>"#,
                    escape(url)
                ),
                None => title,
            }
        })
        .collect();
    Html::from_markup(format!("Further reading: {}", items.join("; ")))
}
