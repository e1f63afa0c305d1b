// Package rules holds xlint's rules, one a file. Each is a *lint.Rule:
// documentation as data plus one function that reads the facts the engine
// computed and reports findings. No rule does I/O or imports another.
package rules

import (
	"slices"
	"strings"

	"github.com/xlint/xlint/lint"
)

// builtin lists the package's rules themselves, which All and ByID copy.
var builtin = []*lint.Rule{
	EmptyPost, InvalidCharacters,
	TextTooLong, URLShortener, URLBlocked, TooManyURLs, TooManyMentions, TooManyCashtags,
	AlreadyPosted, Duplicate, DuplicateRules,
	VideoDuration, VideoTooLarge, VideoFormat, ImageTooLarge, GIFTooLarge,
	TooManyMedia, MixedMedia, UnsupportedMedia, MediaNotFound,
	UsageCap, UsageCapped, Unauthorized, InvalidCredentials,
}

// All returns every rule, sorted by id. The rules are copies (Codes
// included), so a caller may change one, its severity say, without
// changing the package's rules or another caller's set.
func All() []*lint.Rule {
	all := make([]*lint.Rule, len(builtin))
	for i, r := range builtin {
		all[i] = clone(r)
	}
	slices.SortFunc(all, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// ByID finds a rule by its id, and returns a copy of it as All does.
func ByID(id string) (*lint.Rule, bool) {
	for _, r := range builtin {
		if r.ID == id {
			return clone(r), true
		}
	}
	return nil, false
}

func clone(r *lint.Rule) *lint.Rule {
	c := *r
	c.Codes = slices.Clone(r.Codes)
	return &c
}
