package rules

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/hostlist"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
	"github.com/xlint/xlint/twittertext"
)

var sprintf = fmt.Sprintf

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// seconds prints a duration in seconds with one decimal, or more when one
// decimal would hide which side of a limit it is on.
func seconds(s, limit float64) string {
	one := strconv.FormatFloat(s, 'f', 1, 64)
	if v, _ := strconv.ParseFloat(one, 64); (v > limit) != (s > limit) || (v < limit) != (s < limit) {
		return strconv.FormatFloat(s, 'f', -1, 64)
	}
	return one
}

// size prints a file size the way X states its limits: MB (2^20 bytes)
// with one decimal, KB below a megabyte, bytes below a kilobyte.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// limit prints a configured number as written: 140, 0.5, 10800.
func limit(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// kindName is how messages name a kind of media.
func kindName(k media.Kind, n int) string {
	name := map[media.Kind]string{media.Video: "video", media.GIF: "GIF", media.Image: "image"}[k]
	if name == "" {
		name = string(k)
	}
	if n != 1 {
		name += "s"
	}
	return name
}

// earlier names an earlier post for messages: its file or id, its account
// and when it was posted.
func earlier(r history.Record) string {
	s := "a post"
	if r.Account != "" {
		s = "@" + r.Account + "'s post"
	}
	switch {
	case r.ID != "":
		s += " " + r.ID
	case r.Source != "":
		s += " in " + r.Source
	}
	return s + " at " + r.At.UTC().Format(time.RFC3339)
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// span prints a window length the way people say it: 15 min, 1 h, 24 h.
func span(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + " h"
	case d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + " min"
	}
	return d.String()
}

func reportExcess(pass *lint.Pass, code string, ents []twittertext.Entity, limit int, what string) {
	if len(ents) <= limit {
		return
	}
	first, last := ents[limit], ents[len(ents)-1]
	pass.Reportf(code, pass.Post.TextSpan(first.Start, last.End), "",
		"the post has %d %s; X allows at most %d", len(ents), what, limit)
}

// firstMatch returns the most recent match of one of the kinds, by the
// same account (sameAccount) or by another. Ties go to the closer kind of
// match, then to the earlier source, so messages do not depend on the
// index's order.
func firstMatch(pass *lint.Pass, sameAccount bool, kinds ...history.MatchKind) (history.Match, bool) {
	var best history.Match
	found := false
	for _, m := range pass.Facts.Matches {
		if history.SameAccount(m.Record.Account, pass.Account) != sameAccount || !slices.Contains(kinds, m.Kind) {
			continue
		}
		if !found || cmp.Or(
			m.Record.At.Compare(best.Record.At),
			cmp.Compare(best.Kind, m.Kind),
			strings.Compare(best.Record.Source, m.Record.Source),
			strings.Compare(best.Record.ID, m.Record.ID),
		) > 0 {
			best, found = m, true
		}
	}
	return best, found
}

func likeness(m history.Match) string {
	switch m.Kind {
	case history.Identical:
		return "is the same as"
	case history.Normalized:
		return "differs only in case, spacing, punctuation, emoji or link decoration from"
	}
	return sprintf("is %.0f%% similar to", m.Similarity*100)
}

// mediaSpan is where a finding about an attached file points: the line
// naming it, or the post when the draft gave no position.
func mediaSpan(pass *lint.Pass, m lint.MediaFact) lint.Span {
	if m.Span == (lint.Span{}) {
		return pass.Post.FirstLine()
	}
	return m.Span
}

// probed reports whether the engine could read the file's facts.
func probed(m lint.MediaFact) bool { return m.Err == nil && !m.Missing }

func millis(seconds float64) int64 { return int64(math.Round(seconds * 1000)) }

func sizeRule(pass *lint.Pass, kind media.Kind, code string, max int64, what string) {
	for _, m := range pass.Facts.Media {
		if probed(m) && m.Info.Kind == kind && max > 0 && m.Info.Size > max {
			pass.Reportf(code, mediaSpan(pass, m), "", "%s %s is %s; X allows at most %s", what, m.Resolved, size(m.Info.Size), size(max))
		}
	}
}

// listedLinks calls report for each link whose host, or a parent domain of
// it, is on list, unless urls.allow names it.
func listedLinks(pass *lint.Pass, list *hostlist.List, report func(u lint.URL, entry string)) {
	for _, u := range pass.Facts.URLs {
		if u.Host == "" {
			continue
		}
		if _, ok := pass.Env.Allowed.Match(u.Host); ok {
			continue
		}
		if entry, ok := list.Match(u.Host); ok {
			report(u, entry)
		}
	}
}
