//! Where each block of a body's plain text ends in it: the search index reads a body block by
//! block, and the blocks are the text's own slices, not a second copy of its words.

/// The blocks of a body's plain text without a second copy of their words: the text is its
/// blocks joined by one space each, so where each block ends in it is enough (at 100,000
/// initiatives the blocks' own strings were some 400 MB of the build's peak).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockEnds(Vec<u32>);

impl BlockEnds {
    /// The ends of `blocks` in `blocks.join(" ")`.
    pub fn of(blocks: &[String]) -> BlockEnds {
        let mut end = 0usize;
        let ends = blocks
            .iter()
            .enumerate()
            .map(|(k, b)| {
                end += b.len() + usize::from(k > 0);
                // A body is far below 4 GiB (files are limited well before that).
                u32::try_from(end).unwrap_or(u32::MAX)
            })
            .collect();
        BlockEnds(ends)
    }

    /// The blocks of `text` (the text these ends were made for), in order.
    pub fn blocks<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mut start = 0usize;
        self.0.iter().map(move |&end| {
            let end = (end as usize).min(text.len());
            let block = text.get(start.min(end)..end).unwrap_or("");
            start = end + 1;
            block
        })
    }
}
