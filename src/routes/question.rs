use engine::Response;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_question;
use crate::components::question::{QuestionCard, Submitted};
use crate::routes::NotFound;
use crate::session::grade;
use crate::state::engine;

/// One question on its own (from search, a link in an explanation, or browsing a topic). Trying
/// it here is practice only: it does not count towards readiness.
#[component]
pub fn QuestionPage(id: String) -> impl IntoView {
    {
        let Some(item) = engine().find(&id) else {
            return NotFound().into_any();
        };
        let meta = engine().bank().items[item].clone();
        let topic = engine().bank().topics[usize::from(meta.topic)].clone();
        let loaded = RwSignal::new_local(None);
        let error = RwSignal::new(None::<String>);
        spawn_local(async move {
            match load_question(item).await {
                Ok(found) => loaded.set(Some(found)),
                Err(err) => error.set(Some(err)),
            }
        });
        let answered = RwSignal::new(None::<Submitted>);
        let selected = RwSignal::new(Vec::<usize>::new());
        view! {
            <main class="page">
                <h1 class="eyebrow">
                    <a href=format!("/topic/{}", topic.slug)>{topic.title.clone()}</a>
                    {format!(" · level {}", meta.difficulty)}
                </h1>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {move || loaded.get().map(|(chunk, position)| {
                    let correct = chunk.questions[position].correct_options();
                    let options = chunk.questions[position].choices.len() as u8;
                    let on_submit = Callback::new(move |response: Response| {
                        let correct = grade(&response, &correct);
                        answered.set(Some(Submitted { response, correct }));
                    });
                    view! {
                        <QuestionCard
                            chunk=chunk
                            position=position
                            kind=meta.kind
                            order=(0..options).collect()
                            counter="Practice: not counted".to_string()
                            answered=answered
                            selected=selected
                            on_submit=on_submit
                        />
                    }
                })}
            </main>
        }
        .into_any()
    }
}
