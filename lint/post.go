package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/internal/utf8x"
)

// Post is one draft post, as X would receive it.
type Post struct {
	// Text is the post's text exactly as it would be submitted.
	Text string
	// Account names the posting account; empty means the config's default.
	Account string
	// At is when the post will be published; the zero time means the
	// engine's clock (Options.Now, or the time Check is called), which
	// Check then sets it to.
	At time.Time
	// Plan and Tier override the account's subscription plan and API tier.
	Plan, Tier string
	// Media lists the local files to be attached, in order.
	Media []Media
	// MediaIDs are media already uploaded to X, named by id (a JSON
	// draft's media.media_ids): they count as attached media, but there
	// is no file to look at.
	MediaIDs []MediaID
	// Ignores are the draft's xlint-ignore directives.
	Ignores []Ignore

	// File is the draft's path as given on the command line ("-" for
	// stdin); empty for posts built in code, which the output package
	// prints without a file name (positions as LINE:COL).
	File string
	// Index is the post's 0-based place in its file (a thread's posts, a
	// JSON-lines file's lines).
	Index int
	// Source is the file the post was read from, for positions. Nil means
	// the text is its own source.
	Source *Source
	// TextStart is the byte offset of Text in Source when the text is
	// stored verbatim there.
	TextStart int
	// TextMap, when not nil, says where in Source each byte of Text (and
	// the end of Text) came from; readers set it when the text is not
	// stored verbatim (JSON strings unescaped, CRLF read as LF).
	TextMap TextMap
	// Line is the 1-based line where the post's text starts; readers set
	// it, and it is computed from TextStart when zero.
	Line int
}

// Media is a file attached to a post.
type Media struct {
	// Path is as written in the draft (relative to the draft's folder).
	Path string
	// Span is where the draft names the file.
	Span Span
}

// MediaID is a medium already uploaded to X.
type MediaID struct {
	// ID is X's media id, as written in the draft.
	ID string
	// Span is where the draft names it.
	Span Span
}

// Ignore is an xlint-ignore directive of a draft.
type Ignore struct {
	Rule   string
	Reason string
	Span   Span
}

// Span is a half-open range of byte offsets into a post's Source.
type Span struct{ Start, End int }

// Position is a place in a draft: 1-based line and 1-based column counted
// in Unicode code points of the original file.
type Position struct {
	Offset int
	Line   int
	Column int
}

// TextSpan converts a range of byte offsets into p.Text to a Span of its
// source file.
func (p *Post) TextSpan(start, end int) Span {
	return Span{p.textOffset(start), p.textOffset(end)}
}

func (p *Post) textOffset(i int) int {
	if i < 0 {
		i = 0
	}
	if i > len(p.Text) {
		i = len(p.Text)
	}
	if len(p.TextMap) > 0 {
		return p.TextMap.offset(i)
	}
	return p.TextStart + i
}

// TextMap maps a post's text to its source as pieces, in increasing text
// offset: the text's bytes from a piece's Text offset up to the next
// piece's come from its Source offset on, one for one (Step 1: copied
// bytes), or all from that one offset (Step 0: the bytes an escape
// decodes to point at the escape). Pieces only start where the mapping
// breaks, so a text of a few escapes takes a few pieces, not four bytes
// a byte. Build one with AddRun and AddFixed, in increasing text offset.
type TextMap []TextPiece

// TextPiece is one piece of a TextMap.
type TextPiece struct {
	Text, Source int32
	Step         int32 // 1 or 0
}

// AddRun records that the text's bytes from t on come from src on, one
// for one.
func (m *TextMap) AddRun(t, src int) { m.add(TextPiece{int32(t), int32(src), 1}) }

// AddFixed records that the text's bytes from t on (up to the next piece)
// all come from src.
func (m *TextMap) AddFixed(t, src int) { m.add(TextPiece{int32(t), int32(src), 0}) }

func (m *TextMap) add(p TextPiece) {
	if n := len(*m); n > 0 {
		last := &(*m)[n-1]
		if last.Step == p.Step && last.Source+(p.Text-last.Text)*last.Step == p.Source {
			return // it continues the last piece
		}
		if last.Text == p.Text {
			*last = p // the last piece covered nothing
			return
		}
	}
	*m = append(*m, p)
}

// offset returns the source offset of the text's byte i.
func (m TextMap) offset(i int) int {
	k := max(sort.Search(len(m), func(k int) bool { return int(m[k].Text) > i })-1, 0)
	p := m[k]
	return int(p.Source) + (i-int(p.Text))*int(p.Step)
}

// WholeText is the span of the post's whole text.
func (p *Post) WholeText() Span { return p.TextSpan(0, len(p.Text)) }

// Position converts a byte offset of the post's source to a Position.
func (p *Post) Position(off int) Position { return p.source().Position(off) }

// source returns the post's source, the text itself when it has none.
func (p *Post) source() *Source {
	if p.Source == nil {
		p.Source = NewSource(p.File, []byte(p.Text))
	}
	return p.Source
}

// positions sets the start and end positions of findings and the start
// positions of urls, taking their offsets in increasing order so that each
// counts on from the one before instead of from the start of its line,
// whatever other goroutines ask of the same source meanwhile.
func (p *Post) positions(findings []Finding, urls []URL) {
	src := p.source()
	type ask struct {
		off int
		at  *Position
	}
	var buf [16]ask // enough for most posts, without allocating
	asks := buf[:0]
	for i := range findings {
		f := &findings[i]
		asks = append(asks, ask{f.Span.Start, &f.Start}, ask{f.Span.End, &f.End})
	}
	for i := range urls {
		u := &urls[i]
		asks = append(asks, ask{p.textOffset(u.Start), &u.Pos})
	}
	slices.SortFunc(asks, func(a, b ask) int { return cmp.Compare(a.off, b.off) })
	var last Position
	for _, a := range asks {
		last = src.positionFrom(last, a.off)
		*a.at = last
	}
}

// StartLine is the line where the post's text starts.
func (p *Post) StartLine() int {
	if p.Line > 0 {
		return p.Line
	}
	return p.Position(p.textOffset(0)).Line
}

// Source is a draft file's content, with a line index built on first use.
type Source struct {
	Name  string
	Data  []byte
	once  sync.Once
	lines []int // byte offset of each line's start

	// Positions are asked for in increasing order along a line (a post's
	// links, then its findings), so the last one answered is kept: the
	// next only counts the code points in between.
	mu   sync.Mutex
	last Position
}

// NewSource returns the source of a file named name.
func NewSource(name string, data []byte) *Source {
	return &Source{Name: name, Data: data}
}

// Position converts a byte offset to a line and a code-point column. A
// leading byte-order mark is not counted: editors do not show it.
func (s *Source) Position(off int) Position {
	s.mu.Lock()
	last := s.last
	s.mu.Unlock()
	p := s.positionFrom(last, off)
	s.mu.Lock()
	s.last = p
	s.mu.Unlock()
	return p
}

// positionFrom is Position counting on from hint, an earlier answer, when
// off lies after it on its line; otherwise it counts from the line's
// start.
func (s *Source) positionFrom(hint Position, off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(s.Data) {
		off = len(s.Data)
	}
	s.once.Do(func() {
		// Sized first: a file of short lines would otherwise grow the
		// index many times over (a 15 MB file of newlines allocated 580 MB).
		s.lines = make([]int, 1, 1+bytes.Count(s.Data, []byte{'\n'}))
		for i := 0; ; {
			j := bytes.IndexByte(s.Data[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			s.lines = append(s.lines, i)
		}
	})
	var line int // the index of off's line in s.lines
	if l := hint.Line - 1; l >= 0 && l < len(s.lines) && s.lines[l] <= off && (l+1 == len(s.lines) || off < s.lines[l+1]) {
		line = l // on the hint's line, as positions asked in order mostly are
	} else {
		line = sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	}
	start, col := s.lines[line], 1
	if line == 0 && len(s.Data) >= 3 && string(s.Data[:3]) == "\uFEFF" && off >= 3 {
		start = 3
	}
	// Counting on from inside a character would miscount.
	if hint.Line == line+1 && hint.Offset <= off && hint.Offset >= start &&
		(hint.Offset == len(s.Data) || utf8.RuneStart(s.Data[hint.Offset])) {
		start, col = hint.Offset, hint.Column
	}
	return Position{Offset: off, Line: line + 1, Column: col + utf8x.RuneCount(s.Data[start:off])}
}

// ParseTime parses a post's time, as drafts and --now give it: RFC 3339,
// in the years 1678 to 2261, which a history record can hold (its times
// are nanoseconds in an int64). Outside them two posts centuries apart
// would look simultaneous, and year 1 would mean "no time given".
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	// A time is some 30 bytes: quote no more of a long value (RFC 3339
	// allows a fraction of any length).
	quoted := s
	if len(s) > 64 {
		quoted = strings.ToValidUTF8(s[:64], "") + "…"
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time (like 2026-03-01T09:30:00Z)", quoted)
	}
	if !history.Recordable(t) {
		return time.Time{}, fmt.Errorf("%q is outside the years 1678 to 2261 a history can record", quoted)
	}
	return t, nil
}
