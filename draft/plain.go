package draft

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/xlint/xlint/lint"
)

// parsePlain reads front matter written in the plainest YAML, as most
// drafts' is, without the YAML parser, which costs some 15 µs a draft,
// most of the time a check of one takes:
//
//	# a comment
//	account: acme
//	at: 2026-03-01T09:30:00Z
//	media: [clips/a.mp4, b.png]
//	media:
//	  - clips/a.mp4
//
// Lines are empty, comments, or a key (account, plan, tier, at, media)
// with a plain value of ASCII letters, digits and _ . / + - : ; media's
// may also be a flow list, or a block list on the lines below. parsePlain
// sets what parseYAML would, errors included, and reports whether it did:
// for anything else it sets nothing and parseYAML reads the front matter.
// FuzzPlainFrontMatter holds the two to the same results.
func (fm *frontMatter) parsePlain() bool {
	b := fm.data[fm.start:fm.end]
	for _, c := range b {
		if c >= 0x7f || c < ' ' && c != '\n' {
			return false // tabs, CR, control characters, anything not ASCII
		}
	}
	// The values, in the order written, checked once all are read.
	type value struct {
		key   string
		val   string
		off   int  // where val starts in fm.data
		media bool // an item of media
	}
	var vals []value
	var seen []string
	for pos := fm.start; pos < fm.end; {
		eol := pos + bytes.IndexByte(fm.data[pos:fm.end], '\n')
		if eol < pos {
			eol = fm.end
		}
		line := fm.data[pos:eol]
		next := eol + 1
		if len(line) == 0 || line[0] == '#' {
			pos = next
			continue
		}
		k, r, ok := bytes.Cut(line, []byte(":"))
		key := ""
		for _, name := range plainKeys {
			if string(k) == name {
				key = name
			}
		}
		if key == "" || !ok || slices.Contains(seen, key) {
			return false
		}
		seen = append(seen, key)
		rest := string(r)
		voff := pos + len(key) + 2 // after ": "
		switch {
		case key == "media" && rest == "":
			// A block list: one "- path" a line, all indented alike.
			indent, items := -1, 0
			for next < fm.end {
				eol := next + bytes.IndexByte(fm.data[next:fm.end], '\n')
				if eol < next {
					eol = fm.end
				}
				item := fm.data[next:eol]
				n := len(item) - len(bytes.TrimLeft(item, " "))
				it, ok := bytes.CutPrefix(item[n:], []byte("- "))
				if !ok || indent >= 0 && n != indent {
					break
				}
				v := string(it)
				if !plainScalar(v, false) {
					return false
				}
				indent, items = n, items+1
				vals = append(vals, value{key, v, next + n + 2, true})
				next = eol + 1
			}
			if items == 0 || items > maxItems {
				return false
			}
		case !strings.HasPrefix(rest, " "):
			return false
		case key == "media" && strings.HasPrefix(rest, " ["):
			list, ok := strings.CutSuffix(rest[2:], "]")
			if !ok {
				return false
			}
			if list == "" {
				break // media: [] names no file
			}
			items := strings.Split(list, ", ")
			if len(items) > maxItems {
				return false
			}
			off := voff + 1
			for _, v := range items {
				if !plainScalar(v, true) {
					return false
				}
				vals = append(vals, value{key, v, off, true})
				off += len(v) + 2
			}
		default:
			if !plainScalar(rest[1:], false) {
				return false
			}
			vals = append(vals, value{key, rest[1:], voff, key == "media"})
		}
		pos = next
	}
	for _, v := range vals {
		errAt := func(msg string) {
			if len(fm.errs) < maxErrors {
				fm.errs = append(fm.errs, &Error{File: fm.name, Line: lineOf(fm.data, v.off), Msg: msg})
			}
		}
		switch {
		case v.media:
			fm.media = append(fm.media, lint.Media{Path: v.val, Span: lint.Span{Start: v.off, End: v.off + len(v.val)}})
		case v.key == "account":
			fm.account = v.val
		case v.key == "plan", v.key == "tier":
			valid := lint.Plans
			if v.key == "tier" {
				valid = lint.Tiers
			}
			if !slices.Contains(valid, v.val) {
				errAt(fmt.Sprintf("%s: %q is not one of %s", v.key, v.val, strings.Join(valid, ", ")))
			}
			if v.key == "plan" {
				fm.plan = v.val
			} else {
				fm.tier = v.val
			}
		case v.key == "at":
			t, err := lint.ParseTime(v.val)
			if err != nil {
				errAt("at: " + err.Error())
			}
			fm.at = t
		}
	}
	return true
}

// plainKeys are the keys parsePlain reads.
var plainKeys = [...]string{"account", "plan", "tier", "at", "media"}

// plainScalar reports whether v is a value parsePlain reads as it is
// written: YAML takes it for a plain string (or a number, a bool or a
// time, whose text the walk of parseYAML uses all the same), never null,
// and never anything that is not a scalar. In a flow list, ':' is left
// to YAML, which may read a pair there.
func plainScalar(v string, flow bool) bool {
	if v == "" || v == "null" || v == "Null" || v == "NULL" || v[len(v)-1] == ':' {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '.', c == '/':
		case (c == '+' || c == '-') && i > 0:
		case c == ':' && i > 0 && !flow:
		default:
			return false
		}
	}
	return true
}
