// Package twittertext counts a post's length and finds its links, mentions
// and cashtags exactly as twitter-text 3.1.0, the library X measures posts
// with, does.
//
// It is a port of twitter-text's JavaScript parseTweet and extractors
// (Copyright 2018 Twitter, Inc., Apache License 2.0) and of the emoji
// expression of twemoji-parser 11.0.2 (Copyright Twitter Inc., MIT), the
// emoji data twitter-text 3.1.0 depends on; THIRD_PARTY.md carries their
// notices. Where JavaScript's semantics leak into the results (UTF-16 code
// units, case-insensitive character classes, backtracking order, how
// String.prototype.normalize treats long runs of combining marks), the port
// reproduces them, and its tests compare it with the node package.
//
// Two data choices, both following the reference:
//
//   - Emoji are those of twemoji-parser 11.0.2 (Emoji 11.0, 2018). An emoji
//     sequence newer than that counts as its parts, as twitter-text 3.1.0
//     counts it; X's servers, with newer data, may count it as one emoji,
//     so xlint may overestimate such posts. This is the only expected
//     difference from X.
//   - Top-level domains are mvdan.cc/xurls/v2's list, corrected to the list
//     twitter-text 3.1.0 shipped in 2020 (see tlds.go).
//
// The Unicode data is Go's: NFC and case folding follow Unicode 15.0 (Go
// 1.26, golang.org/x/text), where node follows its ICU's (Unicode 17.0 in
// node 20.20). Text using characters added since then can differ: the
// canonical compositions of Unicode 16 (Tulu-Tigalari, Gurung Khema, Kirat
// Rai) count as two characters here and one in node, and U+A7DC, new
// uppercase of a Latin letter twitter-text's case-insensitive classes
// hold, is not a link character here. A differential fuzz of 10 million
// texts found no other difference.
//
// Offsets are byte offsets into the Go string given, End exclusive. Parse
// works on the NFC form of the text, as twitter-text does, and maps its
// offsets back to the original text. The functions are safe for concurrent
// use; they build their tables on first use.
package twittertext
