// Package rules holds xlint's rules, one a file. Each is a *lint.Rule:
// documentation as data plus one function that reads the facts the engine
// computed and reports findings. No rule does I/O or imports another.
package rules

import (
	"slices"
	"strings"

	"github.com/xlint/xlint/lint"
)

// All returns every rule, sorted by id.
func All() []*lint.Rule {
	all := []*lint.Rule{
		EmptyPost, InvalidCharacters,
		TextTooLong, URLShortener, URLBlocked, TooManyURLs, TooManyMentions, TooManyCashtags,
		AlreadyPosted, Duplicate, DuplicateRules,
		VideoDuration, VideoTooLarge, VideoFormat, ImageTooLarge, GIFTooLarge,
		TooManyMedia, MixedMedia, UnsupportedMedia, MediaNotFound,
		UsageCap, UsageCapped, Unauthorized, InvalidCredentials,
	}
	slices.SortFunc(all, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// ByID finds a rule by its id.
func ByID(id string) (*lint.Rule, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
