// Package history keeps xlint's record of published posts and answers the
// questions X's duplicate and usage-cap checks ask of it: was this text (or
// a normalised or near-identical form of it) posted inside a window, and how
// many posts did an account make in a window.
//
// The store is an append-only JSON-lines file written under an exclusive
// lock, one write per record, so concurrent runs lose nothing and a crash
// costs at most the record being written. Load reads it in one pass into an
// Index whose lookups cost the same whether the history holds a hundred or a
// million posts.
package history
