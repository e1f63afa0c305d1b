package draft

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xlint/xlint/internal/utf8x"
	"github.com/xlint/xlint/lint"
)

// parseJSON reads a .json draft: one X API v2 POST /2/tweets body.
func parseJSON(name string, data []byte, src *lint.Source) ([]*lint.Post, error) {
	if err := checkBytes(name, data, 0, len(data), 1); err != nil {
		return nil, err
	}
	// Offsets are asked for in order, mostly: count on from the last one
	// rather than from the top (a body repeating "text" 1.3 million times
	// took 8 minutes).
	lastOff, lastLine := 0, 1
	lines := func(off int) int {
		off = min(max(off, 0), len(data))
		if off < lastOff {
			lastOff, lastLine = 0, 1
		}
		lastLine += bytes.Count(data[lastOff:off], []byte{'\n'})
		lastOff = off
		return lastLine
	}
	var t texts
	p, err := parseBody(name, data, bomLen(data), len(data), lines, &t)
	if err != nil {
		return nil, err
	}
	t.flush()
	p.Source = src
	return []*lint.Post{p}, nil
}

// parseJSONL reads a .jsonl draft: one body a line, blank lines skipped. A
// post's Index counts the non-blank lines before it, malformed ones
// included, so that fixing one line does not renumber the others.
func parseJSONL(name string, data []byte, src *lint.Source) ([]*lint.Post, error) {
	var posts []*lint.Post
	var errs []*Error
	more, moreLine := 0, 0 // malformed lines beyond maxErrors
	report := func(line int, err *Error) {
		if len(errs) < maxErrors {
			errs = append(errs, err)
			return
		}
		if more == 0 {
			moreLine = line
		}
		more++
	}
	index := 0
	var t texts
	for off, line := bomLen(data), 1; off < len(data); line++ {
		l, next := nextLine(data, off)
		start, end := off, off+len(l)
		off = next
		if isBlank(l) {
			continue
		}
		if len(posts) == maxPosts {
			errs = append(errs, &Error{File: name, Line: line, Msg: fmt.Sprintf("more than %d posts in one file: the rest is not read", maxPosts)})
			break
		}
		i := index
		index++
		if len(errs) >= maxErrors && (!utf8x.Valid(l) || bytes.IndexByte(l, 0) >= 0 || !validJSON(l)) {
			// Counted, not reported: a flood of bad lines costs no
			// messages.
			report(line, nil)
			continue
		}
		if err := checkBytes(name, data, start, end, line); err != nil {
			report(line, err)
			continue
		}
		p, err := parseBody(name, data, start, end, func(int) int { return line }, &t)
		if err != nil {
			report(line, err)
			continue
		}
		p.Source, p.Index, p.Line = src, i, line
		posts = append(posts, p)
	}
	t.flush()
	if more > 0 {
		errs = append(errs, &Error{File: name, Line: moreLine, Msg: fmt.Sprintf("%d more malformed lines from here on", more)})
	}
	return posts, joinErrors(errs)
}

// parseBody reads the request body data[start:end]. lineAt gives the line
// of an offset, for errors. The post's text is set when t is flushed.
func parseBody(name string, data []byte, start, end int, lineAt func(int) int, t *texts) (*lint.Post, *Error) {
	b := data[:end]
	errAt := func(off int, format string, args ...any) *Error {
		return &Error{File: name, Line: lineAt(off), Msg: fmt.Sprintf(format, args...)}
	}
	// Validate first, so that the walk below may assume well-formed JSON;
	// the standard decoder also refuses nesting beyond 10,000 levels.
	if !validJSON(data[start:end]) {
		err := json.Unmarshal(data[start:end], new(struct{}))
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, errAt(start+max(int(se.Offset)-1, 0), "invalid JSON: %s", se.Error())
		}
		return nil, errAt(start, "invalid JSON")
	}
	i := skipSpace(b, start)
	if b[i] != '{' {
		return nil, errAt(i, "draft is not a JSON object but %s", jsonKind(b[i]))
	}
	p := &lint.Post{File: name, TextStart: i, Line: lineAt(i)}
	for i = skipSpace(b, i+1); b[i] != '}'; {
		keyEnd := skipValue(b, i)
		key := unquote(b[i:keyEnd])
		v := skipSpace(b, skipSpace(b, keyEnd)+1) // past the colon
		vEnd := skipValue(b, v)
		switch key {
		case "text":
			switch b[v] {
			case '"':
				p.TextStart, p.Line = v+1, lineAt(v)
				t.add(p, b[v:vEnd], v)
			case 'n': // null: no text, as encoding/json reads it
			default:
				return nil, errAt(v, "text: want a string, not %s", jsonKind(b[v]))
			}
		case "account":
			s, err := jsonString(b, v, vEnd, "account", errAt)
			if err != nil {
				return nil, err
			}
			p.Account = s
		case "at":
			s, err := jsonString(b, v, vEnd, "at", errAt)
			if err != nil {
				return nil, err
			}
			if s != "" {
				t, perr := lint.ParseTime(s)
				if perr != nil {
					return nil, errAt(v, "at: %v", perr)
				}
				p.At = t
			}
		case "media":
			ids, err := mediaIDs(b, v, errAt)
			if err != nil {
				return nil, err
			}
			p.MediaIDs = ids
		case "media_paths":
			media, err := mediaPaths(b, v, errAt)
			if err != nil {
				return nil, err
			}
			p.Media = media
		}
		i = skipSpace(b, vEnd)
		if b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return p, nil
}

// mediaPaths reads the array of file paths at b[v].
func mediaPaths(b []byte, v int, errAt func(int, string, ...any) *Error) ([]lint.Media, *Error) {
	var media []lint.Media
	err := stringList(b, v, "media_paths", "a list of file paths", "a file path", errAt, func(path string, span lint.Span) *Error {
		if path == "" {
			return errAt(span.Start, "media_paths: empty file path")
		}
		media = append(media, lint.Media{Path: path, Span: span})
		return nil
	})
	return media, err
}

// mediaIDs reads the media_ids of the API body's media object at b[v];
// its other keys (tagged_user_ids) are not xlint's concern.
func mediaIDs(b []byte, v int, errAt func(int, string, ...any) *Error) ([]lint.MediaID, *Error) {
	switch b[v] {
	case 'n':
		return nil, nil
	case '{':
	default:
		return nil, errAt(v, "media: want an object with media_ids, not %s", jsonKind(b[v]))
	}
	var ids []lint.MediaID
	for i := skipSpace(b, v+1); b[i] != '}'; {
		keyEnd := skipValue(b, i)
		key := unquote(b[i:keyEnd])
		w := skipSpace(b, skipSpace(b, keyEnd)+1) // past the colon
		if key == "media_ids" {
			ids = nil // the last of duplicate keys wins, as in encoding/json
			err := stringList(b, w, "media.media_ids", "a list of media ids", "a media id string", errAt, func(id string, span lint.Span) *Error {
				ids = append(ids, lint.MediaID{ID: id, Span: span})
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		i = skipSpace(b, skipValue(b, w))
		if b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return ids, nil
}

// stringList calls fn with each string of the array at b[v], and its span;
// null is an empty list. key names the list in errors, list and item what
// it and its elements should be. A list holds at most maxItems.
func stringList(b []byte, v int, key, list, item string, errAt func(int, string, ...any) *Error, fn func(s string, span lint.Span) *Error) *Error {
	switch b[v] {
	case 'n':
		return nil
	case '[':
	default:
		return errAt(v, "%s: want %s, not %s", key, list, jsonKind(b[v]))
	}
	n := 0
	for i := skipSpace(b, v+1); b[i] != ']'; n++ {
		end := skipValue(b, i)
		if b[i] != '"' {
			return errAt(i, "%s: want %s, not %s", key, item, jsonKind(b[i]))
		}
		if n == maxItems {
			return errAt(i, "%s: more than %d items", key, maxItems)
		}
		if err := fn(unquote(b[i:end]), lint.Span{Start: i, End: end}); err != nil {
			return err
		}
		i = skipSpace(b, end)
		if b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil
}

// jsonString reads a string or null value.
func jsonString(b []byte, v, end int, key string, errAt func(int, string, ...any) *Error) (string, *Error) {
	switch b[v] {
	case '"':
		s := unquote(b[v:end])
		return s, nil
	case 'n':
		return "", nil
	}
	return "", errAt(v, "%s: want a string, not %s", key, jsonKind(b[v]))
}

func jsonKind(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the well-formed JSON value at b[i]. It
// counts brackets instead of recursing, so depth costs no stack.
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			if j = skipPlain(b, j); j == len(b) {
				break
			}
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(b)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipValue(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) && bytes.IndexByte([]byte(",}] \t\r\n"), b[j]) < 0 {
		j++
	}
	return j
}

// unquote decodes the well-formed JSON string literal lit (quotes included).
func unquote(lit []byte) string {
	body := lit[1 : len(lit)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return string(body)
	}
	return string(appendUnquoted(make([]byte, 0, len(body)), nil, lit, 0))
}

// appendUnquoted appends the decoded JSON string literal lit (quotes
// included), found at offset base, to out. With a non-nil m it also
// appends to m the pieces of lint.Post's text map, the text's offsets
// counted from where lit's text starts in out: each decoded byte points at
// the source byte it came from (an escape's bytes at its backslash, a
// surrogate pair's at the first backslash), and the end at the closing
// quote.
func appendUnquoted(out []byte, m *lint.TextMap, lit []byte, base int) []byte {
	body := lit[1 : len(lit)-1]
	start := len(out)
	for i := 0; i < len(body); {
		// The bytes up to the next escape are copied as they are.
		j := bytes.IndexByte(body[i:], '\\')
		if j != 0 {
			if j < 0 {
				j = len(body) - i
			}
			if m != nil {
				m.AddRun(len(out)-start, base+1+i)
			}
			out = append(out, body[i:i+j]...)
			i += j
			continue
		}
		if m != nil {
			m.AddFixed(len(out)-start, base+1+i)
		}
		c := body[i+1]
		i += 2
		switch c {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hex4(body[i:])
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if i+6 <= len(body) && body[i] == '\\' && body[i+1] == 'u' {
					r2 = hex4(body[i+2:])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					// A lone surrogate decodes as U+FFFD, as in
					// encoding/json.
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, c)
		}
	}
	if m != nil {
		m.AddRun(len(out)-start, base+len(lit)-1)
	}
	return out
}

// texts decodes the texts of a file's posts into shared memory: one string
// and one text map a few dozen posts, instead of two allocations a post
// (a decoding buffer and its copy into a string).
type texts struct {
	buf     []byte       // decoded texts not yet in a string
	pieces  lint.TextMap // their text maps
	pending []pendingText
}

// pendingText is a post whose text is in texts.buf[start:end], and whose
// map, when it has escapes, is texts.pieces[from:to].
type pendingText struct {
	p          *lint.Post
	start, end int
	from, to   int
	escaped    bool
}

// flushAt is how many decoded bytes texts gathers before making them a
// string: enough to make the allocations few, little enough that a post
// kept alone keeps little else alive.
const flushAt = 64 << 10

// add sets p's text to the JSON string literal lit found at offset base,
// once flush has run.
func (t *texts) add(p *lint.Post, lit []byte, base int) {
	body := lit[1 : len(lit)-1]
	pt := pendingText{p: p, start: len(t.buf), from: len(t.pieces)}
	if bytes.IndexByte(body, '\\') < 0 {
		t.buf = append(t.buf, body...)
	} else {
		t.buf = appendUnquoted(t.buf, &t.pieces, lit, base)
		pt.escaped = true
	}
	pt.end, pt.to = len(t.buf), len(t.pieces)
	t.pending = append(t.pending, pt)
	if len(t.buf) >= flushAt {
		t.flush()
	}
}

// flush gives the pending posts their texts and maps.
func (t *texts) flush() {
	if len(t.pending) == 0 {
		return
	}
	s := string(t.buf)
	pieces := slices.Clone(t.pieces)
	for _, pt := range t.pending {
		pt.p.Text = s[pt.start:pt.end]
		pt.p.TextMap = nil
		if pt.escaped {
			pt.p.TextMap = pieces[pt.from:pt.to:pt.to]
		}
	}
	t.buf, t.pieces, t.pending = t.buf[:0], t.pieces[:0], t.pending[:0]
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
