// Package twittertext counts a post's length and finds its links, mentions
// and cashtags exactly as twitter-text 3.1.0 (the library X uses) does.
//
// It is a port of twitter-text's JavaScript parseTweet and extractors
// (Copyright 2018 Twitter, Inc., Apache License 2.0) and of the emoji
// expression of twemoji-parser 11.0.2 (Copyright Twitter Inc., MIT), the
// emoji data twitter-text 3.1.0 depends on; THIRD_PARTY.md carries their
// notices. Where JavaScript's semantics
// leak into the results (UTF-16 code units, case-insensitive character
// classes, backtracking order), the port reproduces them.
//
// Known differences from the reference, both by design:
//
//   - Emoji newer than twemoji-parser 11.0.2's data (Emoji 11.0, 2018) are
//     not recognised as sequences: a newer ZWJ sequence counts as its parts,
//     exactly as twitter-text 3.1.0 counts it, but X's servers may count it
//     as one emoji.
//   - Top-level domains come from mvdan.cc/xurls/v2's list, corrected to
//     twitter-text 3.1.0's 2020 list (see tlds.go).
//
// Offsets are byte offsets into the Go string given, End exclusive. Parse
// works on the NFC form of the text, as twitter-text does, and maps its
// offsets back to the original text.
package twittertext
