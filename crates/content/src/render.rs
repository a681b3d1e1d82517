//! Markdown and code → sanitized HTML, at build time, so the app ships no Markdown parser or
//! highlighter. Raw HTML in Markdown is shown as text, never passed through; the result is
//! sanitized once more with ammonia as a second line of defence.

use std::collections::HashSet;

use ammonia::Builder;
use engine::{
    Bank, ChoiceBody, Chunk, ItemMeta, Kind, OpenBody, QuestionBody, SubtopicMeta, TopicMeta,
    CORPUS_FORMAT,
};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::model::{Corpus, Question};

/// CSS classes of highlighted tokens start with this (styled in `style/main.css`).
pub const HIGHLIGHT_PREFIX: &str = "hl-";

/// Renders Markdown and code for the whole corpus.
pub struct Renderer {
    syntaxes: SyntaxSet,
    sanitizer: Builder<'static>,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

/// External links (sanitized: https only) open in a new tab, so the app (installed, perhaps
/// offline) keeps its place; links to questions and topics stay in the app.
fn external_links_in_new_tabs(html: &str) -> String {
    html.replace(
        r#"<a href="https://"#,
        r#"<a target="_blank" rel="noopener noreferrer" href="https://"#,
    )
}

impl Renderer {
    pub fn new() -> Self {
        let mut sanitizer = Builder::default();
        sanitizer
            .add_tag_attributes("span", &["class"])
            .add_tag_attributes("code", &["class"])
            .add_tag_attributes("pre", &["class", "data-lang"])
            .link_rel(None)
            .url_schemes(HashSet::from(["https"]));
        Renderer {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            sanitizer,
        }
    }

    /// A Markdown block (prompt, explanation) as HTML.
    pub fn markdown(&self, source: &str) -> String {
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        let mut events = Vec::new();
        let mut code: Option<(String, String)> = None;
        for event in Parser::new_ext(source, options) {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(lang) => {
                            lang.split_whitespace().next().unwrap_or("text").to_string()
                        }
                        CodeBlockKind::Indented => "text".to_string(),
                    };
                    code = Some((lang, String::new()));
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((lang, text)) = code.take() {
                        events.push(Event::Html(CowStr::from(self.code_block(&text, &lang))));
                    }
                }
                Event::Text(text) if code.is_some() => code
                    .as_mut()
                    .expect("inside a code block")
                    .1
                    .push_str(&text),
                // Authors' raw HTML is shown as text: content is never trusted as markup.
                Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: internal_link(dest_url),
                    title,
                    id,
                })),
                other => events.push(other),
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        external_links_in_new_tabs(&self.sanitizer.clean(&html).to_string())
    }

    /// Inline Markdown (an option, a rationale): a single paragraph loses its `<p>`.
    pub fn inline(&self, source: &str) -> String {
        let html = self.markdown(source);
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    }

    /// A program's exact output, shown verbatim.
    pub fn output(&self, text: &str) -> String {
        format!("<code class=\"output\">{}</code>", escape(text))
    }

    /// A highlighted code block.
    pub fn code_block(&self, code: &str, lang: &str) -> String {
        let token = match lang {
            "python" | "py" => "py",
            "sql" => "sql",
            "bash" | "sh" | "shell" => "sh",
            "json" => "json",
            "yaml" | "yml" => "yaml",
            _ => "txt",
        };
        let syntax = self
            .syntaxes
            .find_syntax_by_extension(token)
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            &self.syntaxes,
            ClassStyle::SpacedPrefixed {
                prefix: HIGHLIGHT_PREFIX,
            },
        );
        let code = code.trim_end_matches('\n');
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\" data-lang=\"{lang}\"><code>{}</code></pre>",
                    escape(code)
                );
            }
        }
        let body = generator.finalize();
        self.sanitizer
            .clean(&format!(
                "<pre class=\"code\" data-lang=\"{}\"><code>{}</code></pre>",
                escape(lang),
                body
            ))
            .to_string()
    }

    /// The full text of one question.
    pub fn question(&self, q: &Question) -> QuestionBody {
        QuestionBody {
            id: q.id.clone(),
            prompt_html: self.markdown(&q.prompt),
            code_html: q.code.as_ref().map(|c| self.code_block(&c.text, &c.lang)),
            choices: q
                .choices
                .iter()
                .map(|c| ChoiceBody {
                    html: if q.kind == Kind::CodeOutput {
                        self.output(&c.text)
                    } else {
                        self.inline(&c.text)
                    },
                    correct: c.correct,
                    why_html: self.inline(&c.why),
                })
                .collect(),
            explanation_html: self.markdown(&q.explanation),
            references: q.references.clone(),
            tags: q.tags.clone(),
            as_of: q.as_of.map(|m| (m.year as u16, m.month)),
            open: q.open.as_ref().map(|open| OpenBody {
                key_points_html: open.key_points.iter().map(|p| self.inline(p)).collect(),
                follow_ups_html: open.follow_ups.iter().map(|p| self.inline(p)).collect(),
                pitfalls_html: open.pitfalls.iter().map(|p| self.inline(p)).collect(),
                seconds: open.seconds,
            }),
        }
    }
}

/// `q:<id>` and `topic:<slug>` become app routes.
fn internal_link(dest: CowStr<'_>) -> CowStr<'_> {
    if let Some(id) = dest.strip_prefix("q:") {
        CowStr::from(format!("/question/{id}"))
    } else if let Some(slug) = dest.strip_prefix("topic:") {
        CowStr::from(format!("/topic/{slug}"))
    } else {
        dest
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The engine's view of the corpus.
pub fn bank(corpus: &Corpus) -> Bank {
    let mut subtopic_base = Vec::new();
    let mut subtopics = Vec::new();
    for (t, topic) in corpus.topics.iter().enumerate() {
        subtopic_base.push(subtopics.len());
        for sub in &topic.subtopics {
            subtopics.push(SubtopicMeta {
                slug: sub.slug.clone(),
                title: sub.title.clone(),
                description: sub.description.clone(),
                topic: t as u16,
            });
        }
    }
    Bank {
        topics: corpus
            .topics
            .iter()
            .map(|t| TopicMeta {
                slug: t.slug.clone(),
                title: t.title.clone(),
                description: t.description.clone(),
                free: t.free,
                icon: t.icon.clone(),
                tone: t.tone.clone(),
            })
            .collect(),
        subtopics,
        items: corpus
            .questions
            .iter()
            .map(|q| ItemMeta {
                id: q.id.clone(),
                topic: q.topic as u16,
                subtopic: (subtopic_base[q.topic] + q.subtopic) as u16,
                kind: q.kind,
                difficulty: q.difficulty,
                options: match &q.open {
                    Some(open) => open.key_points.len() as u8,
                    None => q.choices.len() as u8,
                },
                irt_a: q.irt_a,
                irt_b: q.irt_b,
                irt_b_sd: q.irt_b_sd,
                free: q.free || corpus.topics[q.topic].free,
            })
            .collect(),
    }
}

/// One chunk of full text per topic, in topic order.
pub fn chunks(corpus: &Corpus, renderer: &Renderer) -> Vec<Chunk> {
    corpus
        .topics
        .iter()
        .enumerate()
        .map(|(t, topic)| Chunk {
            format: CORPUS_FORMAT,
            topic: topic.slug.clone(),
            questions: corpus
                .questions
                .iter()
                .filter(|q| q.topic == t)
                .map(|q| renderer.question(q))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_markdown_is_shown_as_text() {
        let r = Renderer::new();
        let html = r.markdown("Beware <script>alert(1)</script> and <b>bold</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn external_links_open_in_a_new_tab_and_internal_ones_stay() {
        let r = Renderer::new();
        let html = r.markdown(
            "[docs](https://docs.python.org/3/) [q](q:pyf-001) [old](http://example.com)",
        );
        assert!(
            html.contains(r#"<a target="_blank" rel="noopener noreferrer" href="https://docs.python.org/3/">docs</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/question/pyf-001">q</a>"#),
            "{html}"
        );
        assert!(
            !html.contains("http://example.com\""),
            "plain http is dropped: {html}"
        );
    }

    #[test]
    fn javascript_links_are_dropped_and_internal_links_become_routes() {
        let r = Renderer::new();
        let html = r.markdown("[x](javascript:alert(1)) [y](q:pyf-001) [z](topic:statistics)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"/question/pyf-001\""), "{html}");
        assert!(html.contains("href=\"/topic/statistics\""), "{html}");
    }

    #[test]
    fn python_code_is_highlighted_with_classes() {
        let r = Renderer::new();
        let html = r.code_block("def f(x):\n    return 'a' < x\n", "python");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"python\"><code>"),
            "{html}"
        );
        assert!(
            html.contains("class=\"hl-storage hl-type hl-function hl-python\"")
                || html.contains("hl-keyword"),
            "{html}"
        );
        assert!(html.contains("&lt;"), "operators are escaped: {html}");
    }

    #[test]
    fn inline_markdown_loses_its_paragraph() {
        let r = Renderer::new();
        assert_eq!(r.inline("a `b` c"), "a <code>b</code> c");
    }

    #[test]
    fn program_output_is_verbatim_and_escaped() {
        let r = Renderer::new();
        assert_eq!(
            r.output("[1, *2]\n<a>"),
            "<code class=\"output\">[1, *2]\n&lt;a&gt;</code>"
        );
    }
}
