package draft

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xlint/xlint/lint"
)

// wantPost is what a test expects of one post.
type wantPost struct {
	text    string
	index   int
	line    int
	account string
	at      string // RFC 3339, empty for none
	plan    string
	tier    string
	media   []wantSpan
	ids     []wantSpan // MediaIDs, path being the id
	ignores []wantIgnore
	// pos checks where characters of the text are in the file.
	pos []wantPos
}

// wantSpan is a span of the file: the source text it covers and where it
// starts.
type wantSpan struct {
	path      string // Media.Path
	src       string // the file's bytes the span covers
	line, col int
}

type wantIgnore struct {
	rule, reason string
	span         wantSpan
}

// wantPos says that the first occurrence of sub in the post's text starts
// at line:col of the file.
type wantPos struct {
	sub       string
	line, col int
}

// wantErr is an expected *Error: its line and a part of its message.
type wantErr struct {
	line int
	msg  string
}

func checkPosts(t *testing.T, name string, data []byte, got []*lint.Post, want []wantPost) {
	t.Helper()
	if len(got) != len(want) {
		var texts []string
		for _, p := range got {
			texts = append(texts, p.Text)
		}
		t.Fatalf("got %d posts %q, want %d", len(got), texts, len(want))
	}
	for i, w := range want {
		p := got[i]
		if p.File != name {
			t.Errorf("post %d: File = %q, want %q", i, p.File, name)
		}
		if p.Source == nil || !bytes.Equal(p.Source.Data, data) {
			t.Errorf("post %d: Source is not the file", i)
		}
		if i > 0 && p.Source != got[0].Source {
			t.Errorf("post %d: Source not shared with post 0", i)
		}
		if p.Text != w.text {
			t.Errorf("post %d: Text = %q, want %q", i, p.Text, w.text)
		}
		if p.Index != w.index {
			t.Errorf("post %d: Index = %d, want %d", i, p.Index, w.index)
		}
		if p.Line != w.line {
			t.Errorf("post %d: Line = %d, want %d", i, p.Line, w.line)
		}
		if p.Account != w.account {
			t.Errorf("post %d: Account = %q, want %q", i, p.Account, w.account)
		}
		if p.Plan != w.plan || p.Tier != w.tier {
			t.Errorf("post %d: Plan, Tier = %q, %q, want %q, %q", i, p.Plan, p.Tier, w.plan, w.tier)
		}
		var wantAt time.Time
		if w.at != "" {
			wantAt, _ = time.Parse(time.RFC3339, w.at)
		}
		if !p.At.Equal(wantAt) {
			t.Errorf("post %d: At = %v, want %v", i, p.At, wantAt)
		}
		if err := checkTextMap(p); err != nil {
			t.Errorf("post %d: %v", i, err)
		}
		if len(p.Media) != len(w.media) {
			t.Errorf("post %d: %d media %+v, want %d", i, len(p.Media), p.Media, len(w.media))
		} else {
			for j, m := range w.media {
				if p.Media[j].Path != m.path {
					t.Errorf("post %d: media %d: Path = %q, want %q", i, j, p.Media[j].Path, m.path)
				}
				checkSpan(t, p, data, p.Media[j].Span, m)
			}
		}
		if len(p.MediaIDs) != len(w.ids) {
			t.Errorf("post %d: %d media ids %+v, want %d", i, len(p.MediaIDs), p.MediaIDs, len(w.ids))
		} else {
			for j, m := range w.ids {
				if p.MediaIDs[j].ID != m.path {
					t.Errorf("post %d: media id %d = %q, want %q", i, j, p.MediaIDs[j].ID, m.path)
				}
				checkSpan(t, p, data, p.MediaIDs[j].Span, m)
			}
		}
		if len(p.Ignores) != len(w.ignores) {
			t.Errorf("post %d: %d ignores %+v, want %d", i, len(p.Ignores), p.Ignores, len(w.ignores))
		} else {
			for j, ig := range w.ignores {
				if p.Ignores[j].Rule != ig.rule || p.Ignores[j].Reason != ig.reason {
					t.Errorf("post %d: ignore %d = %q %q, want %q %q", i, j, p.Ignores[j].Rule, p.Ignores[j].Reason, ig.rule, ig.reason)
				}
				checkSpan(t, p, data, p.Ignores[j].Span, ig.span)
			}
		}
		for _, wp := range w.pos {
			k := strings.Index(p.Text, wp.sub)
			if k < 0 {
				t.Errorf("post %d: %q not in text %q", i, wp.sub, p.Text)
				continue
			}
			pos := p.Position(p.TextSpan(k, k+len(wp.sub)).Start)
			if pos.Line != wp.line || pos.Column != wp.col {
				t.Errorf("post %d: %q at %d:%d, want %d:%d", i, wp.sub, pos.Line, pos.Column, wp.line, wp.col)
			}
		}
		whole := p.WholeText()
		if whole.Start < 0 || whole.End > len(data) || whole.Start > whole.End {
			t.Errorf("post %d: text span %+v outside the file (%d bytes)", i, whole, len(data))
		}
	}
}

func checkSpan(t *testing.T, p *lint.Post, data []byte, s lint.Span, w wantSpan) {
	t.Helper()
	if s.Start < 0 || s.End > len(data) || s.Start > s.End {
		t.Errorf("span %+v outside the file", s)
		return
	}
	if got := string(data[s.Start:s.End]); got != w.src {
		t.Errorf("span covers %q, want %q", got, w.src)
	}
	if pos := p.Position(s.Start); pos.Line != w.line || pos.Column != w.col {
		t.Errorf("span of %q starts at %d:%d, want %d:%d", w.src, pos.Line, pos.Column, w.line, w.col)
	}
}

// allErrors unpacks Parse's error into its *Error values, failing on any
// other kind of error.
func allErrors(t testing.TB, err error) []*Error {
	t.Helper()
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var out []*Error
	for _, e := range errs {
		var de *Error
		if !errors.As(e, &de) {
			t.Fatalf("error %v (%T) is not a *draft.Error", e, e)
		}
		out = append(out, de)
	}
	return out
}

func checkErrors(t *testing.T, name string, err error, want []wantErr) {
	t.Helper()
	got := allErrors(t, err)
	if len(got) != len(want) {
		t.Fatalf("got errors %v, want %d", err, len(want))
	}
	for i, w := range want {
		if got[i].File != name {
			t.Errorf("error %d: File = %q, want %q", i, got[i].File, name)
		}
		if got[i].Line != w.line || !strings.Contains(got[i].Msg, w.msg) {
			t.Errorf("error %d = %q (line %d), want line %d containing %q", i, got[i].Msg, got[i].Line, w.line, w.msg)
		}
	}
}

// timed runs f and fails when it takes 10 seconds or more: every draft,
// however hostile, must be read in time linear in its size. The inputs
// are a few megabytes, which take well under a second even with the race
// detector; a quadratic reader would take minutes. The bound is generous
// so that a loaded machine does not fail the test.
func timed(t *testing.T, f func()) {
	t.Helper()
	start := time.Now()
	f()
	if d := time.Since(start); d >= 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// checkTextMap checks the shape of a post's text map: pieces in strictly
// increasing text offset from 0, within the text, steps of 0 or 1.
func checkTextMap(p *lint.Post) error {
	for k, pc := range p.TextMap {
		if k == 0 && pc.Text != 0 || k > 0 && pc.Text <= p.TextMap[k-1].Text || int(pc.Text) > len(p.Text) || pc.Step != 0 && pc.Step != 1 {
			return fmt.Errorf("text map piece %d of %d is %+v (text %d bytes)", k, len(p.TextMap), pc, len(p.Text))
		}
	}
	return nil
}

// refUnquoteMap is the text map unquote gives, one source offset a byte of
// the decoded text and one for its end, worked out byte by byte.
func refUnquoteMap(lit []byte, base int) []int {
	body := lit[1 : len(lit)-1]
	var m []int
	for i := 0; i < len(body); {
		at := base + 1 + i
		if body[i] != '\\' {
			m = append(m, at)
			i++
			continue
		}
		var r rune
		switch body[i+1] {
		case 'u':
			r = hex4(body[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if i+6 <= len(body) && body[i] == '\\' && body[i+1] == 'u' {
					r2 = hex4(body[i+2:])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
		default:
			r = 'x' // every other escape decodes to one byte
			i += 2
		}
		for range utf8.RuneLen(r) {
			m = append(m, at)
		}
	}
	return append(m, base+len(lit)-1)
}
