// Package history keeps xlint's record of published posts and answers the
// questions X's duplicate and usage-cap checks ask of it: was this text (or
// a normalised or near-identical form of it) posted inside a window, and how
// many posts did an account make in a window.
//
// # The file
//
// The history is a JSON-lines file, one Record a line, only ever appended
// to (Append) except by Prune, which rewrites it atomically. Append holds an
// exclusive flock and writes each record as one full line in one write, so
// concurrent runs lose nothing and a crash tears at most the line being
// written; the next Append starts a new line first. Readers skip a torn or
// damaged line with a Warning naming the file and line and never change the
// file, so nothing recorded is lost from it.
//
// # Fingerprints
//
// Exact and Norm are FNV-1a 64 hashes, as 16 hex digits, of the trimmed text
// and of Normalize(text). Sim holds a MinHash signature over word shingles
// (see NearThreshold for the method and its limits). With store_text: false
// the record keeps only these, which answer every lookup; a text-less record
// (media-only post) counts towards usage caps but is nobody's duplicate.
//
// # The index
//
// Load reads the file in one pass into an Index: fingerprints as integers,
// no text, about 360 bytes of heap a record (360 MB for a million).
// LoadSince, which a check uses, leaves out the posts older than its
// windows reach, most of them without parsing their lines. The index's
// lookups search sorted key arrays and visit the records holding the
// text's keys, at most MaxVisits a key (the last added), so their cost
// does not grow with the history's size, even when it holds one text
// thousands of times; Count binary-searches per-account sorted times.
package history
