package draft

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/xlint/xlint/lint"
)

// nextLine returns the line starting at off, without its "\n" or "\r\n",
// and the offset of the next line.
func nextLine(data []byte, off int) (line []byte, next int) {
	i := bytes.IndexByte(data[off:], '\n')
	if i < 0 {
		return data[off:], len(data)
	}
	line, next = data[off:off+i], off+i+1
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, next
}

func isDelimiter(line []byte) bool { return string(line) == "---" }

// nextDelimiter finds the first line at or after from (a line start) that
// is exactly `---`, and returns its start and the start of the line after
// it; -1 when there is none. It looks for the dashes rather than at every
// line, so long bodies cost little.
func nextDelimiter(data []byte, from int) (start, next int) {
	for off := from; off < len(data); {
		i := bytes.Index(data[off:], []byte("---"))
		if i < 0 {
			break
		}
		s := off + i
		if s == from || data[s-1] == '\n' {
			switch rest := data[s+3:]; {
			case len(rest) == 0:
				return s, len(data)
			case rest[0] == '\n':
				return s, s + 4
			case len(rest) > 1 && rest[0] == '\r' && rest[1] == '\n':
				return s, s + 5
			}
		}
		off = s + 1
	}
	return -1, len(data)
}

// lineAfter is the line of next, the offset nextLine returned for the
// line numbered line: the same line when the file ends without a newline.
func lineAfter(data []byte, next, line int) int {
	if next > 0 && data[next-1] == '\n' {
		return line + 1
	}
	return line
}

// segment is one post's part of a Markdown body: [start, end) and the line
// where it starts.
type segment struct{ start, end, line int }

// parseMarkdown reads a .md draft: optional front matter, then a thread
// whose posts are separated by lines that are exactly `---`.
//
// A `---` line that ends the file, with nothing but white space after it,
// closes the thread rather than starting an empty post: people end each
// post with a separator, and no post would be sent for it. A blank segment
// elsewhere is an empty post (which the empty-post rule reports).
func parseMarkdown(name string, data []byte, src *lint.Source) ([]*lint.Post, error) {
	if err := checkBytes(name, data, 0, len(data), 1); err != nil {
		return nil, err
	}
	var fm frontMatter
	bodyStart, bodyLine := bomLen(data), 1
	if first, next := nextLine(data, bodyStart); isDelimiter(first) {
		end, after := nextDelimiter(data, next)
		if end < 0 {
			return nil, &Error{File: name, Line: 1, Msg: "front matter never closes: want a line that is exactly ---"}
		}
		if errs := fm.parse(name, data, next, end); len(errs) > 0 {
			return nil, joinErrors(errs)
		}
		closing := 2 + bytes.Count(data[next:end], []byte{'\n'})
		bodyStart, bodyLine = after, lineAfter(data, after, closing)
	}

	var segs []segment
	seg := segment{start: bodyStart, line: bodyLine}
	for {
		end, after := nextDelimiter(data, seg.start)
		if end < 0 {
			break
		}
		line := seg.line + bytes.Count(data[seg.start:end], []byte{'\n'})
		if len(segs) == maxPosts-1 {
			return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("thread has more than %d posts", maxPosts)}
		}
		seg.end = end
		segs = append(segs, seg)
		seg = segment{start: after, line: lineAfter(data, after, line)}
	}
	seg.end = len(data)
	if len(segs) == 0 || !isBlank(data[seg.start:seg.end]) {
		segs = append(segs, seg)
	}

	posts := make([]*lint.Post, len(segs))
	for i, s := range segs {
		p := &lint.Post{
			File: name, Index: i, Source: src,
			Account: fm.account, At: fm.at, Plan: fm.plan, Tier: fm.tier,
			// Shared, not copied: a thread of many posts with many ignores
			// would otherwise multiply them. Clip makes appends copy.
			Ignores: slices.Clip(fm.ignores),
		}
		if i == 0 {
			p.Media = fm.media
		}
		b := data[s.start:s.end]
		lead := len(b) - len(bytes.TrimLeftFunc(b, unicode.IsSpace))
		if lead == len(b) {
			p.TextStart, p.Line = s.start, s.line
		} else {
			trail := len(b) - len(bytes.TrimRightFunc(b, unicode.IsSpace))
			setText(p, data, s.start+lead, s.end-trail)
			p.Line = s.line + bytes.Count(b[:lead], []byte{'\n'})
		}
		posts[i] = p
	}
	return posts, nil
}

func isBlank(b []byte) bool { return len(bytes.TrimLeftFunc(b, unicode.IsSpace)) == 0 }

// frontMatter holds the keys of a draft's front matter.
type frontMatter struct {
	account, plan, tier string
	at                  time.Time
	media               []lint.Media
	ignores             []lint.Ignore

	// Where the front matter is, to turn yaml's positions into the file's.
	name       string
	data       []byte
	start, end int
	lines      []int // offset of each of yaml's lines
	last       struct{ line, col, off int }
	errs       []*Error
}

const frontMatterKeys = "account, media, at, plan, tier or xlint-ignore"

// maxFrontMatter bounds the YAML a draft may hold: a few keys need a few
// hundred bytes, and the bound keeps the YAML parser's time small.
const maxFrontMatter = 256 << 10

// maxPosts bounds the posts of one file, and so the memory a file can
// take: 16 MiB of `---` lines would otherwise be four million posts.
const maxPosts = 100_000

// maxItems bounds the media and ignores of a draft: X takes four media
// files, and a draft needs a handful of ignores.
const maxItems = 1000

// maxErrors is how many problems of one kind a file reports before it
// stops: after that the author has enough to fix, and a hostile file
// cannot make a flood of them.
const maxErrors = 20

// parse reads the front matter data[start:end] (between the `---` lines).
func (fm *frontMatter) parse(name string, data []byte, start, end int) (errs []*Error) {
	fm.name, fm.data, fm.start, fm.end = name, data, start, end
	// yaml has panicked on hostile input in the past; a draft must not
	// take the run down.
	defer func() {
		if v := recover(); v != nil {
			errs = []*Error{{File: name, Line: lineOf(data, start), Msg: fmt.Sprintf("front matter cannot be read: %v", v)}}
		}
	}()
	if isBlank(data[start:end]) {
		return nil
	}
	if end-start > maxFrontMatter {
		return []*Error{{File: name, Line: lineOf(data, start) - 1, Msg: fmt.Sprintf("front matter is larger than %d KiB", maxFrontMatter>>10)}}
	}
	if fm.parsePlain() {
		return fm.errs
	}
	return fm.parseYAML()
}

// parseYAML reads the front matter with the YAML parser.
func (fm *frontMatter) parseYAML() (errs []*Error) {
	dec := yaml.NewDecoder(bytes.NewReader(fm.data[fm.start:fm.end]))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) { // only comments
			return nil
		}
		return []*Error{fm.yamlError(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return []*Error{fm.errorAt(&extra, "front matter holds more than one YAML document")}
	} else if !errors.Is(err, io.EOF) {
		return []*Error{fm.yamlError(err)}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return []*Error{fm.errorAt(root, "front matter must be a map of keys, not "+kindName(root))}
	}
	seen := make(map[string]bool)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			fm.errorf(k, "front matter keys must be names, not %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			fm.errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "account":
			fm.account, _ = fm.str(k.Value, v)
		case "plan":
			fm.plan = fm.oneOf(k.Value, v, lint.Plans)
		case "tier":
			fm.tier = fm.oneOf(k.Value, v, lint.Tiers)
		case "at":
			if s, ok := fm.str(k.Value, v); ok && s != "" {
				t, err := lint.ParseTime(s)
				if err != nil {
					fm.errorf(v, "at: %v", err)
				}
				fm.at = t
			}
		case "media":
			for _, item := range fm.list(k.Value, v) {
				if s, ok := fm.str(k.Value, item); ok {
					if s == "" {
						fm.errorf(item, "media: empty file path")
						continue
					}
					fm.media = append(fm.media, lint.Media{Path: s, Span: fm.span(item)})
				}
			}
		case "xlint-ignore":
			for _, item := range fm.list(k.Value, v) {
				fm.ignore(item)
			}
		default:
			fm.errorf(k, "unknown key %q (want %s)", k.Value, frontMatterKeys)
		}
	}
	return fm.errs
}

// ignore reads one xlint-ignore item: `{rule: ID, reason: "..."}`, or a
// bare rule id, whose missing reason the engine reports.
func (fm *frontMatter) ignore(item *yaml.Node) {
	ig := lint.Ignore{Span: fm.span(item)}
	switch item.Kind {
	case yaml.ScalarNode:
		ig.Rule, _ = fm.str("xlint-ignore", item)
	case yaml.MappingNode:
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "rule":
				ig.Rule, _ = fm.str("xlint-ignore: rule", v)
			case "reason":
				ig.Reason, _ = fm.str("xlint-ignore: reason", v)
			default:
				fm.errorf(k, "xlint-ignore: unknown key %q (want rule and reason)", k.Value)
				return
			}
		}
	default:
		fm.errorf(item, "xlint-ignore: want a rule id or {rule: ID, reason: \"...\"}, not %s", kindName(item))
		return
	}
	if ig.Rule == "" {
		fm.errorf(item, "xlint-ignore: item names no rule")
		return
	}
	fm.ignores = append(fm.ignores, ig)
}

// str reads a scalar; null is the empty string.
func (fm *frontMatter) str(key string, n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		fm.errorf(n, "%s: want a string, not %s", key, kindName(n))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}

func (fm *frontMatter) oneOf(key string, n *yaml.Node, valid []string) string {
	s, ok := fm.str(key, n)
	if ok && s != "" && !slices.Contains(valid, s) {
		fm.errorf(n, "%s: %q is not one of %s", key, s, strings.Join(valid, ", "))
	}
	return s
}

// list reads a list's items. A single value stands for a list of one, as
// `media: clip.mp4` is unambiguous; null is the empty list.
func (fm *frontMatter) list(key string, n *yaml.Node) []*yaml.Node {
	switch {
	case isNull(n):
		return nil
	case n.Kind == yaml.SequenceNode:
		if len(n.Content) > maxItems {
			fm.errorf(n, "%s: more than %d items", key, maxItems)
			return nil
		}
		return n.Content
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	}
	fm.errorf(n, "%s: want a list, not %s", key, kindName(n))
	return nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias (anchors and aliases are not supported here)"
	case yaml.ScalarNode:
		return "a value"
	}
	return "a document"
}

func (fm *frontMatter) errorf(n *yaml.Node, format string, args ...any) {
	if len(fm.errs) < maxErrors {
		fm.errs = append(fm.errs, fm.errorAt(n, fmt.Sprintf(format, args...)))
	}
}

func (fm *frontMatter) errorAt(n *yaml.Node, msg string) *Error {
	return &Error{File: fm.name, Line: lineOf(fm.data, fm.offset(n.Line, n.Column)), Msg: msg}
}

// yamlError turns a yaml syntax error into the file's terms, at the line
// to fix.
func (fm *frontMatter) yamlError(err error) *Error {
	msg := problemOf(err)
	line := lineOf(fm.data, fm.start) - 1 // the opening ---, when nothing says where
	if l, ok := fm.syntaxErrorLine(msg); ok {
		line = lineOf(fm.data, fm.offset(l, 1))
	} else if rest, ok := strings.CutPrefix(err.Error(), "yaml: line "); ok {
		// Too large to search: yaml's "line N: what went wrong", near it.
		if num, _, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n >= 0 {
				line = lineOf(fm.data, fm.offset(n, 1))
			}
		}
	}
	if i := firstUnprintable(fm.data[fm.start:fm.end]); i >= 0 && strings.Contains(msg, "control characters") {
		line = lineOf(fm.data, fm.start+i) // yaml does not say where
	}
	return &Error{File: fm.name, Line: line, Msg: "front matter: " + msg}
}

// Front matter larger than this is not searched for its error's line (see
// syntaxErrorLine): a draft's holds a few keys.
const (
	maxSearchLines = 256
	maxSearchBytes = 16 << 10
)

// syntaxErrorLine returns the line of the front matter (1-based, in yaml's
// count) where its syntax error, problem, is to be fixed: the line from
// which on every prefix of the front matter fails with it. (A shorter
// prefix may fail otherwise, or even so, cut inside a list or a quote that
// a later line closes.) yaml's message names the line where the list or
// map around the problem starts, and for its parser's errors the line
// before that; its exact marks are not exported.
//
// Prefixes are parsed from the longest down. Each that holds the problem
// fails as soon as the parser meets it, so the search costs at most
// (lines after it) times (bytes before it): ok is false, and nothing is
// searched, past maxSearchLines or maxSearchBytes, or when even the whole
// front matter does not fail so.
func (fm *frontMatter) syntaxErrorLine(problem string) (line int, ok bool) {
	if fm.end-fm.start > maxSearchBytes {
		return 0, false
	}
	if fm.lines == nil {
		fm.lines = yamlLineStarts(fm.data, fm.start, fm.end)
	}
	n := len(fm.lines) // lines, the last maybe empty
	if n > maxSearchLines {
		return 0, false
	}
	for j := n; j >= 1; j-- {
		end := fm.end // the end of line j
		if j < n {
			end = fm.lines[j]
		}
		if yamlProblem(fm.data[fm.start:end]) != problem {
			if j == n {
				return 0, false
			}
			return j + 1, true
		}
	}
	return 1, true
}

// yamlProblem returns what is wrong with the YAML documents of b, without
// yaml's "line N: " (which moves with the text around it), or "" when they
// parse.
func yamlProblem(b []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var n yaml.Node
		switch err := dec.Decode(&n); {
		case errors.Is(err, io.EOF):
			return ""
		case err != nil:
			return problemOf(err)
		}
	}
}

// problemOf is yaml's error message without "yaml: " and "line N: ".
func problemOf(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, what, ok := strings.Cut(rest, ": "); ok {
			if _, err := strconv.Atoi(num); err == nil {
				return what
			}
		}
	}
	return msg
}

// firstUnprintable finds the first character YAML refuses (its
// "control characters"), or -1.
func firstUnprintable(b []byte) int {
	for i, r := range string(b) {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7F && r < 0xA0 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF:
			return i
		}
	}
	return -1
}

// offset converts yaml's 1-based line and column (in characters, counted
// from the front matter's first line) to a byte offset of the file.
func (fm *frontMatter) offset(line, col int) int {
	if fm.lines == nil {
		fm.lines = yamlLineStarts(fm.data, fm.start, fm.end)
	}
	if line < 1 {
		return fm.start
	}
	if line > len(fm.lines) {
		return fm.end
	}
	off, c := fm.lines[line-1], 1
	if fm.last.line == line && fm.last.col <= col {
		// Nodes come in order: go on from the last one, so that a long
		// flow list on one line is not rescanned for each item.
		off, c = fm.last.off, fm.last.col
	}
	for ; c < col && off < fm.end && fm.data[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(fm.data[off:fm.end])
		off += n
	}
	fm.last.line, fm.last.col, fm.last.off = line, c, off
	return off
}

// yamlLineStarts finds the starts of the lines of data[start:end] as yaml
// counts them: CRLF, CR, LF, NEL, LS and PS each end a line.
func yamlLineStarts(data []byte, start, end int) []int {
	lines := []int{start}
	b := data[:end]
	for i := start; i < end; i++ {
		switch {
		case b[i] == '\r' && i+1 < end && b[i+1] == '\n':
			i++
		case b[i] == '\r' || b[i] == '\n':
		case b[i] == 0xC2 && i+1 < end && b[i+1] == 0x85:
			i++
		case b[i] == 0xE2 && i+2 < end && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9):
			i += 2
		default:
			continue
		}
		lines = append(lines, i+1)
	}
	return lines
}

// span is where a node's value is in the file.
func (fm *frontMatter) span(n *yaml.Node) lint.Span {
	start := fm.offset(n.Line, n.Column)
	b := fm.data[:fm.end]
	end := start
	switch {
	case n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			end = max(end, fm.span(c).End)
		}
		if n.Style&yaml.FlowStyle != 0 {
			closer := byte('}')
			if n.Kind == yaml.SequenceNode {
				closer = ']'
			}
			if i := bytes.IndexByte(b[end:], closer); i >= 0 {
				end += i + 1
			}
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		end = quoteEnd(b, start, '"')
	case n.Style&yaml.SingleQuotedStyle != 0:
		end = quoteEnd(b, start, '\'')
	case bytes.HasPrefix(b[start:], []byte(n.Value)):
		end = start + len(n.Value)
	default: // block or folded scalars: the rest of the line
		l, _ := nextLine(b, start)
		end = start + len(bytes.TrimRightFunc(l, unicode.IsSpace))
	}
	return lint.Span{Start: start, End: min(end, fm.end)}
}

// quoteEnd finds the end of a quoted yaml scalar starting at b[start]: a
// backslash escapes in double quotes, a doubled quote in single quotes.
func quoteEnd(b []byte, start int, q byte) int {
	for i := start + 1; i < len(b); i++ {
		switch {
		case q == '"' && b[i] == '\\':
			i++
		case b[i] == q && q == '\'' && i+1 < len(b) && b[i+1] == '\'':
			i++
		case b[i] == q:
			return i + 1
		}
	}
	return len(b)
}
