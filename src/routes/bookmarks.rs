use leptos::prelude::*;

use crate::components::question_list::QuestionList;
use crate::router::{use_location, History, Route};
use crate::routes::review::{start_review, ROUND};
use crate::state::{engine, use_app_state};

/// Bookmarked questions, most recently bookmarked first.
#[component]
pub fn BookmarksPage() -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    let marked = Memo::new(move |_| {
        state.bookmarks.with(|ids| {
            ids.iter()
                .filter_map(|id| engine().find(id))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <main class="page">
            <h1>"Bookmarks"</h1>
            {move || match marked.get() {
                items if items.is_empty() => view! {
                    <p class="lede">"Bookmark any question with the bookmark button at its top, and it waits for you here."</p>
                }.into_any(),
                items => {
                    let round: Vec<usize> = items.iter().copied().take(ROUND).collect();
                    let n = round.len();
                    let practise = move |_| {
                        start_review(state, round.clone());
                        location.navigate(&Route::Review, History::Push);
                    };
                    view! {
                        <button class="button" type="button" on:click=practise>
                            {format!("Practise {n} bookmarked")}
                        </button>
                        <QuestionList items=items />
                    }.into_any()
                }
            }}
        </main>
    }
}
