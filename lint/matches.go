package lint

import (
	"cmp"
	"slices"
	"time"

	"github.com/xlint/xlint/history"
)

// findMatches sets pass.Facts' matches from the history: for each kind of
// match the newest post by the post's own account and the newest by
// another, and how many matching posts fall inside
// Limits.NearDuplicateWindow, with the oldest of them. That is all the
// duplicate rules ask, and keeping only it keeps a batch of many copies
// of one text linear in memory: every copy matches all those before it.
func (e *Engine) findMatches(pass *Pass, window time.Duration) {
	p, f := pass.Post, pass.Facts
	// Both windows are (at-window, at], as the usage caps': a post exactly
	// one window old is out. The look-up spans the longer of them.
	since := p.At.Add(-pass.Limits.NearDuplicateWindow.Duration)
	dupSince := p.At.Add(-window)
	var newest [history.Near + 1][2]history.Hit // [kind][another account]
	var have [history.Near + 1][2]bool
	var first history.Hit
	recent := 0
	all := e.env.History.Visit(pass.record, minTime(since, dupSince).Add(1), p.At, func(h history.Hit) {
		if h.After(since) {
			if recent == 0 || cmp.Or(cmp.Compare(h.UnixNano(), first.UnixNano()), cmp.Compare(h.Kind, first.Kind), h.Compare(first)) < 0 {
				first = h
			}
			recent++
		}
		if !h.After(dupSince) {
			return
		}
		k, other := h.Kind, 0
		if !history.SameAccount(h.Account(), pass.Account) {
			other = 1
		}
		// The newest; of posts of one time, the smallest source and id.
		if best := newest[k][other]; !have[k][other] || cmp.Or(cmp.Compare(h.UnixNano(), best.UnixNano()), best.Compare(h)) > 0 {
			newest[k][other], have[k][other] = h, true
		}
	})
	f.Matches = f.Matches[:0]
	for k := range newest {
		for other := range newest[k] {
			if have[k][other] {
				f.Matches = append(f.Matches, newest[k][other].Match())
			}
		}
	}
	slices.SortStableFunc(f.Matches, func(a, b history.Match) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), b.Record.At.Compare(a.Record.At))
	})
	f.Recent, f.FirstRecent, f.Partial = recent, history.Match{}, !all
	if recent > 0 {
		f.FirstRecent = first.Match()
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
