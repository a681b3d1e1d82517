//! The learner's role track (chosen at the first run, defined in `content/tracks.toml`): which
//! topics matter for their interview, and how much.

use engine::TrackMeta;

use crate::corpus::index;

/// The chosen track, if it still exists in this build's content.
pub fn chosen() -> Option<&'static TrackMeta> {
    let slug = crate::settings::track()?;
    index().tracks.iter().find(|t| t.slug == slug)
}

/// Every topic with its weight for the learner: the track's weights, or 1 for all when no track
/// is chosen; topics outside the track weigh 0. Ordered by weight (heaviest first), then by the
/// content's order.
pub fn weighted_topics() -> Vec<(u16, u8)> {
    let topics = index().bank.topics.len() as u16;
    let track = chosen();
    let mut weighted: Vec<(u16, u8)> = (0..topics)
        .map(|t| {
            let weight = match track {
                Some(track) => track
                    .topics
                    .iter()
                    .find(|tt| tt.topic == t)
                    .map_or(0, |tt| tt.weight),
                None => 1,
            };
            (t, weight)
        })
        .collect();
    engine::order::sort_by_key(&mut weighted, |&(t, w)| (std::cmp::Reverse(w), t));
    weighted
}
