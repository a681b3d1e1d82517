//! Fixtures shared by the integration tests.

#![allow(dead_code)] // each test binary uses a different subset

use engine::{
    Answer, Bank, Event, EventId, ItemMeta, Kind, LocalDate, Mode, Response, SessionId,
    SubtopicMeta, TopicMeta,
};

/// Six topics × 20 questions (4 subtopics of 5, labels 1–5 four times each).
pub fn small_bank() -> Bank {
    let mut bank = Bank::default();
    for t in 0..6u16 {
        bank.topics.push(TopicMeta {
            slug: format!("t{t}"),
            title: format!("Topic {t}"),
            description: String::new(),
            free: true,
            icon: String::new(),
            tone: String::new(),
        });
        for s in 0..4u16 {
            bank.subtopics.push(SubtopicMeta {
                slug: format!("t{t}-s{s}"),
                title: format!("Subtopic {s}"),
                description: String::new(),
                topic: t,
            });
        }
        for q in 0..20u16 {
            bank.items.push(ItemMeta {
                id: format!("t{t}-q{q}"),
                topic: t,
                subtopic: t * 4 + q % 4,
                kind: if q == 7 {
                    Kind::TrueFalse
                } else {
                    Kind::Single
                },
                difficulty: (q % 5) as u8 + 1,
                options: if q == 7 { 2 } else { 4 },
                irt_a: None,
                irt_b: None,
                irt_b_sd: None,
                free: true,
            });
        }
    }
    bank
}

/// An answer event in test mode.
pub fn answer_event(
    id: u64,
    at_ms: i64,
    local_date: LocalDate,
    question: &str,
    correct: bool,
) -> Event {
    Event::answered(
        EventId(id),
        at_ms,
        local_date,
        Answer {
            question: question.to_string(),
            response: Response::Chose(vec![0]),
            correct,
            time_taken_ms: 20_000,
            mode: Mode::Test,
            session: SessionId(1),
        },
    )
}
