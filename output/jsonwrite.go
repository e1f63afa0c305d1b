package output

import (
	"encoding/json"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/xlint/xlint/internal/utf8x"
)

// The check report is the one document that grows with the run, so its
// posts are written by hand instead of through encoding/json's reflection
// and re-indentation, which cost several times more. The bytes are
// exactly encoding/json's (two-space indent, HTML characters unescaped);
// TestJSONStreamed and FuzzAppendJSONString hold them to that.

// appendIndent starts a new line at depth levels of two spaces.
func appendIndent(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// appendKey writes a member's separator, indentation and name.
func appendKey(b []byte, depth int, first bool, name string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = appendIndent(b, depth)
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':', ' ')
}

func appendStringField(b []byte, depth int, first bool, name, v string) []byte {
	return appendJSONString(appendKey(b, depth, first, name), v)
}

func appendIntField(b []byte, depth int, first bool, name string, v int64) []byte {
	return strconv.AppendInt(appendKey(b, depth, first, name), v, 10)
}

// appendFloat writes a float as encoding/json does; it is rare enough
// (media facts) to go through it.
func appendFloat(b []byte, f float64) []byte {
	out, err := json.Marshal(f)
	if err != nil { // NaN and infinities are filtered before
		return append(b, '0')
	}
	return append(b, out...)
}

// nextSpecial returns the offset of the first byte at or after i that
// appendJSONString must look at: below 0x20, '"', '\\', and either any
// byte from 0x80 (when s[i:] may hold invalid UTF-8) or only 0xE2, which
// begins U+2028 and U+2029 (when it is known valid). Most of a report's
// text is plain, and eight bytes are judged at once; near the end of s it
// may stop short, at a plain byte.
func nextSpecial(s string, i int, valid bool) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(s) {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		q, bs := x^(ones*'"'), x^(ones*'\\')
		// A byte below n sets its high bit in x-n*ones and not in x (the
		// classic has-less test); a byte equal to c is a zero byte of
		// x^c*ones. A borrow only carries to higher bytes, so the lowest
		// byte flagged is a true one.
		special := (x-ones*0x20)&^x | (q-ones)&^q | (bs-ones)&^bs
		if valid {
			e := x ^ (ones * 0xE2)
			special |= (e - ones) &^ e
		} else {
			special |= x
		}
		if special &= highs; special != 0 {
			return i + bits.TrailingZeros64(special)/8
		}
		i += 8
	}
	return i
}

// appendJSONString quotes s as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters escaped, invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped for JavaScript.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	// At the first byte outside ASCII, the rest of s is checked once:
	// valid UTF-8, as nearly all of a report is, then needs looking at
	// only where U+2028 or U+2029 may begin.
	checked, valid := false, false
	for i := 0; i < len(s); {
		if i = nextSpecial(s, i, valid); i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		} else if !checked {
			checked, valid = true, utf8x.ValidString(s[i:])
		}
		if valid && s[i] != 0xE2 {
			i++ // part of a character that is neither U+2028 nor U+2029
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// urlOverhead is about what a link's entry in "urls" at depth 0 takes
// besides its URL and host: keys, quotes, a line and a column of up to
// seven digits, and indentation, which grows by 12 bytes a level.
const urlOverhead = 84

// appendReportPost writes one post of the check report, its opening brace
// at the current position and its members at depth+1.
func appendReportPost(b []byte, p *ReportPost, depth int) []byte {
	d := depth + 1
	b = append(b, '{')
	b = appendStringField(b, d, true, "file", p.File)
	b = appendIntField(b, d, false, "index", int64(p.Index))
	b = appendIntField(b, d, false, "line", int64(p.Line))
	b = appendStringField(b, d, false, "account", p.Account)
	b = appendIntField(b, d, false, "weighted_length", int64(p.WeightedLength))
	b = appendIntField(b, d, false, "max_length", int64(p.MaxLength))

	b = appendKey(b, d, false, "urls")
	if len(p.URLs) > 64 {
		// A post of thousands of links writes megabytes (a 15 MB draft
		// of 3 million links, 360 MB): room for them at once rather than
		// by doubling, which allocated twice that.
		size := len(p.URLs) * (urlOverhead + 12*d)
		for i := range p.URLs {
			size += len(p.URLs[i].URL) + len(p.URLs[i].Host)
		}
		b = slices.Grow(b, size)
	}
	b = appendArray(b, d, len(p.URLs), func(b []byte, i int) []byte {
		u := &p.URLs[i]
		b = append(b, '{')
		b = appendStringField(b, d+2, true, "url", u.URL)
		b = appendStringField(b, d+2, false, "host", u.Host)
		b = appendIntField(b, d+2, false, "line", int64(u.Line))
		b = appendIntField(b, d+2, false, "column", int64(u.Column))
		b = appendIndent(b, d+1)
		return append(b, '}')
	})

	b = appendKey(b, d, false, "media")
	b = appendArray(b, d, len(p.Media), func(b []byte, i int) []byte {
		return appendMediaFacts(b, &p.Media[i], d+1)
	})

	b = appendKey(b, d, false, "prediction")
	if pr := p.Prediction; pr == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		b = appendIntField(b, d+1, true, "status", int64(pr.Status))
		b = appendStringField(b, d+1, false, "code", pr.Code)
		b = appendStringField(b, d+1, false, "category", pr.Category)
		b = appendStringField(b, d+1, false, "message", pr.Message)
		b = appendIndent(b, d)
		b = append(b, '}')
	}

	b = appendKey(b, d, false, "findings")
	b = appendArray(b, d, len(p.Findings), func(b []byte, i int) []byte {
		f, e := &p.Findings[i], d+2
		b = append(b, '{')
		b = appendStringField(b, e, true, "rule", f.Rule)
		b = appendStringField(b, e, false, "code", f.Code)
		b = appendIntField(b, e, false, "status", int64(f.Status))
		b = appendStringField(b, e, false, "category", f.Category)
		b = appendStringField(b, e, false, "severity", f.Severity)
		b = appendIntField(b, e, false, "line", int64(f.Line))
		b = appendIntField(b, e, false, "column", int64(f.Column))
		b = appendIntField(b, e, false, "end_line", int64(f.EndLine))
		b = appendIntField(b, e, false, "end_column", int64(f.EndColumn))
		b = appendStringField(b, e, false, "message", f.Message)
		b = appendStringField(b, e, false, "fix", f.Fix)
		b = appendIndent(b, d+1)
		return append(b, '}')
	})
	b = appendIndent(b, depth)
	return append(b, '}')
}

// appendMediaFacts writes a media entry, leaving out empty facts as the
// struct's omitempty tags do.
func appendMediaFacts(b []byte, m *MediaFacts, depth int) []byte {
	d := depth + 1
	b = append(b, '{')
	b = appendStringField(b, d, true, "path", m.Path)
	b = appendStringField(b, d, false, "kind", m.Kind)
	if m.Container != "" {
		b = appendStringField(b, d, false, "container", m.Container)
	}
	if m.DurationSeconds != nil {
		b = appendFloat(appendKey(b, d, false, "duration_seconds"), *m.DurationSeconds)
	}
	if m.Width != 0 {
		b = appendIntField(b, d, false, "width", int64(m.Width))
	}
	if m.Height != 0 {
		b = appendIntField(b, d, false, "height", int64(m.Height))
	}
	if m.FPS != 0 {
		b = appendFloat(appendKey(b, d, false, "fps"), m.FPS)
	}
	if m.VideoCodec != "" {
		b = appendStringField(b, d, false, "video_codec", m.VideoCodec)
	}
	if m.AudioCodec != "" {
		b = appendStringField(b, d, false, "audio_codec", m.AudioCodec)
	}
	if m.SizeBytes != 0 {
		b = appendIntField(b, d, false, "size_bytes", m.SizeBytes)
	}
	if m.Fragmented {
		b = append(appendKey(b, d, false, "fragmented"), "true"...)
	}
	if m.Error != "" {
		b = appendStringField(b, d, false, "error", m.Error)
	}
	b = appendIndent(b, depth)
	return append(b, '}')
}

// appendArray writes a JSON array of n items at depth, one item a line, as
// json.MarshalIndent does: "[]" when empty. item writes the i-th item,
// whose own lines sit at depth+1.
func appendArray(b []byte, depth, n int, item func(b []byte, i int) []byte) []byte {
	if n == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIndent(b, depth+1)
		b = item(b, i)
	}
	b = appendIndent(b, depth)
	return append(b, ']')
}
