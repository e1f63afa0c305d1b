package lint

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestTextMap builds the map of the JSON literal `"ab\ncd\u00e9"` at
// offset 10 and checks every byte's source offset against the one worked
// out by hand, and that runs merge into few pieces.
func TestTextMap(t *testing.T) {
	// Source: 10:'"' 11:a 12:b 13-14:\n 15:c 16:d 17-22:\u00e9 23:'"'
	// Text:   0:a 1:b 2:LF 3:c 4:d 5-6:é, end 7
	var m TextMap
	m.AddRun(0, 11)
	m.AddFixed(2, 13)
	m.AddRun(3, 15)
	m.AddFixed(5, 17)
	m.AddRun(7, 23)
	want := []int{11, 12, 13, 15, 16, 17, 17, 23}
	for i, w := range want {
		if got := m.offset(i); got != w {
			t.Errorf("offset(%d) = %d, want %d", i, got, w)
		}
	}
	if len(m) != 5 {
		t.Errorf("%d pieces, want 5: %+v", len(m), m)
	}
	// A verbatim run one byte at a time is one piece.
	var v TextMap
	for i := range 100 {
		v.AddRun(i, 1000+i)
	}
	if len(v) != 1 || v.offset(99) != 1099 {
		t.Errorf("verbatim run: %+v", v)
	}
}

func TestParseTime(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{"2026-03-01T09:30:00Z", ""},
		{"2026-03-01T09:30:00.5+05:30", ""},
		{"1678-01-01T00:00:00Z", ""},
		{"2261-12-31T23:59:59Z", ""},
		{"2026-03-01", "not an RFC 3339 time"},
		{"", "not an RFC 3339 time"},
		{"0001-01-01T00:00:00Z", "outside the years 1678 to 2261"},
		{"1677-12-31T23:59:59Z", "outside the years 1678 to 2261"},
		{"2262-01-01T00:00:00Z", "outside the years 1678 to 2261"},
		{"2261-12-31T23:00:00-05:00", "outside the years 1678 to 2261"}, // 2262 in UTC
		{"9999-12-31T23:59:59Z", "outside the years 1678 to 2261"},
	} {
		got, err := ParseTime(tt.in)
		switch {
		case tt.err == "" && (err != nil || got.IsZero()):
			t.Errorf("ParseTime(%q) = %v, %v", tt.in, got, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), strconv.Quote(tt.in))):
			t.Errorf("ParseTime(%q): error %v, want one quoting it and saying %q", tt.in, err, tt.err)
		}
	}
	// A long value is quoted in part, a time with a long fraction too.
	for in, want := range map[string]string{
		strings.Repeat("9", 10<<20):                               "not an RFC 3339 time",
		"3000-01-01T00:00:00." + strings.Repeat("9", 1<<20) + "Z": "outside the years",
	} {
		if _, err := ParseTime(in); err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTime of %d bytes: error of %d bytes", len(in), len(fmt.Sprint(err)))
		}
	}
}

// BenchmarkLineIndex asks for a position in a 15 MB file of empty lines,
// which builds the line index: its memory is one int a line, allocated
// once.
func BenchmarkLineIndex(b *testing.B) {
	data := bytes.Repeat([]byte{'\n'}, 15_000_000)
	for b.Loop() {
		s := NewSource("lines.txt", data)
		if p := s.Position(len(data) - 1); p.Line != len(data) {
			b.Fatalf("line %d", p.Line)
		}
	}
}
