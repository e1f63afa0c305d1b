package lint

import (
	"cmp"
	"slices"
)

// Finding is one problem found in a post.
type Finding struct {
	Rule     string
	Code     string
	Status   int
	Category string
	Severity Severity
	// Span is where in the draft; Start and End are its positions.
	Span       Span
	Start, End Position
	Message    string
	Fix        string
}

// Prediction is the error X would return first for a post.
type Prediction struct {
	Status   int
	Code     string
	Category string
	// Message is what X's response says, where known, else the finding's
	// message.
	Message string
	// Finding is the finding that decided it.
	Finding *Finding
}

// Result is what the engine found for one post.
type Result struct {
	Post  *Post
	Facts *Facts
	// Account, Plan and Tier are the post's, resolved from the draft, the
	// config and the defaults.
	Account, Plan, Tier string
	Findings            []Finding
	// Prediction is nil when X would accept the post.
	Prediction *Prediction
	// Err is set when a rule could not check the post, or when its At is
	// outside the years 1678 to 2261 a history can hold (ParseTime's):
	// then the batch rules (duplicates, usage caps) did not run for it,
	// and it was not added to the history.
	Err error
}

// rank orders findings by which error X returns first: authentication,
// then rate limits, then media (uploaded before the post), then content
// (duplicates before links), then the rest.
func rank(f *Finding) int {
	switch {
	case f.Status == 401:
		return 0
	case f.Status == 429:
		return 1
	case f.Status == 403 && f.Category == MediaCategory:
		return 2
	case f.Status == 403 && f.Category == Content:
		switch f.Code {
		case "you have already posted this", "duplicate", "duplicate-rules":
			return 3
		case "invalid url", "The Tweet contains an invalid URL":
			return 4
		}
		return 5
	}
	return 6
}

// Predict returns the error X would return first among findings, or nil.
// Only findings of severity error count: warnings say X might refuse.
func Predict(findings []Finding) *Prediction {
	var best *Finding
	for i := range findings {
		f := &findings[i]
		if f.Severity != Error || f.Status == 0 {
			continue
		}
		if best == nil || comparePrecedence(f, best) < 0 {
			best = f
		}
	}
	if best == nil {
		return nil
	}
	p := &Prediction{Status: best.Status, Code: best.Code, Category: best.Category, Message: best.Message, Finding: best}
	if c, ok := lookupCode(best.Code); ok && c.Message != "" {
		p.Message = c.Message
	}
	return p
}

func comparePrecedence(a, b *Finding) int {
	return cmp.Or(
		cmp.Compare(rank(a), rank(b)),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Span.Start, b.Span.Start),
	)
}

// SortFindings orders findings by position, then rule, then message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Start.Line, b.Start.Line),
			cmp.Compare(a.Start.Column, b.Start.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
