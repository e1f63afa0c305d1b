package history

import (
	"strings"
	"time"
)

// RecordVersion is the record format version written in Record.V.
const RecordVersion = 1

// Record is one published post as the history file keeps it, one JSON
// object a line.
type Record struct {
	V       int       `json:"v"`                 // record format version, RecordVersion
	At      time.Time `json:"at"`                // when the post was published
	Account string    `json:"account,omitempty"` // the posting account, without "@"
	ID      string    `json:"id,omitempty"`      // X post id when known
	Source  string    `json:"source,omitempty"`  // draft file, or "archive" / "api" for imports
	Text    string    `json:"text,omitempty"`    // the text; omitted with store_text: false
	Exact   string    `json:"exact"`             // ExactKey of the text
	Norm    string    `json:"norm"`              // NormKey of the text
	Sim     string    `json:"sim,omitempty"`     // near-duplicate signature; empty for short texts
}

// NewRecord returns the record of a post, its fingerprints computed from
// text. With storeText false the record keeps only the fingerprints, which
// still answer every duplicate lookup. A post without text (media only)
// gets no fingerprints: it counts towards usage caps but is nobody's
// duplicate.
func NewRecord(at time.Time, account, id, source, text string, storeText bool) Record {
	r := Record{
		V:       RecordVersion,
		At:      at.UTC(),
		Account: strings.TrimPrefix(account, "@"),
		ID:      id,
		Source:  source,
	}
	if storeText {
		r.Text = text
	}
	if strings.TrimSpace(text) == "" {
		return r
	}
	// The normalised text is hashed where it was written, in a buffer
	// reused from post to post: it is never needed as a string.
	sc := getScratch()
	n := sc.normalize(text)
	exact, norm := fingerprint2(strings.TrimSpace(text), n)
	r.Exact = hex64(exact) // ExactKey(text)
	r.Norm = hex64(norm)
	if sig, ok := nearSignature(n); ok {
		r.Sim = sig.String()
	}
	putScratch(sc)
	return r
}
