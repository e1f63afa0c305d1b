package output

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// golden compares got with testdata/name.golden, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// testRoot is the SARIF root of the golden tests: the test's working
// directory, which holds the fixture's relative paths. Its URI is
// replaced by a placeholder so the golden file does not name a machine
// path.
func testRoot(t *testing.T) (root, placeholder string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd, fileURI(wd, true)
}

func TestGoldenCheck(t *testing.T) {
	root, rootURI := testRoot(t)
	opts := Options{Version: "1.2.3", Root: root, Rules: fixtureRules()}
	for _, tc := range []struct {
		name    string
		results []lint.Result
		format  string
		color   bool
	}{
		{"check_text", fixture(t), "text", false},
		{"check_text_color", fixture(t), "text", true},
		{"check_json", fixture(t), "json", false},
		{"check_sarif", fixture(t), "sarif", false},
		{"check_github", fixture(t), "github", false},
		{"empty_text", nil, "text", false},
		{"empty_json", nil, "json", false},
		{"empty_sarif", nil, "sarif", false},
		{"empty_github", nil, "github", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts
			o.Color = tc.color
			var buf bytes.Buffer
			if err := Write(&buf, tc.format, tc.results, o); err != nil {
				t.Fatal(err)
			}
			got := bytes.ReplaceAll(buf.Bytes(), []byte(rootURI), []byte("file:///ROOT/"))
			golden(t, tc.name, got)
		})
	}
}

func TestGoldenCommands(t *testing.T) {
	rules := fixtureRules()
	var codes []*lint.Code
	for _, name := range []string{"video longer than 2 minutes", "invalid url", "xlint-ignore"} {
		c, ok := lint.LookupCode(name)
		if !ok {
			t.Fatalf("catalog has no %q", name)
		}
		codes = append(codes, c)
	}
	probes := []ProbeItem{
		{Path: "clips/long clip.mp4", Info: media.Info{
			Kind: media.Video, Container: "mp4", Duration: media.Duration{Ticks: 1400012, Timescale: 10000},
			Width: 1920, Height: 1080, FPS: 59.94, VideoCodec: "h264", AudioCodec: "aac", Size: 5242880, Fragmented: true,
		}},
		{Path: "img/photo.png", Info: media.Info{Kind: media.Image, Container: "png", Width: 640, Height: 480, Size: 2048}},
		{Path: "anim.gif", Info: media.Info{Kind: media.GIF, Container: "gif", Duration: media.Duration{Ticks: 100, Timescale: 100}, Width: 32, Height: 32, FPS: 5, Size: 2132}},
		{Path: "missing.mp4", Info: media.Info{Kind: media.Unknown}, Err: errors.New("open missing.mp4: no such file or directory")},
		{Path: "notes.txt", Info: media.Info{Kind: media.Unknown, Size: 12}, Err: errors.New("probe notes.txt: unsupported media format")},
	}
	stats := []history.AccountStats{
		{Account: "acme", Posts: 3, First: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Last: time.Date(2026, 2, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600))},
		{Account: "", Posts: 1, First: time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC), Last: time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	for _, format := range CommandFormats {
		for _, tc := range []struct {
			name string
			run  func(*bytes.Buffer) error
		}{
			{"rules", func(b *bytes.Buffer) error { return Rules(b, format, rules) }},
			{"explain", func(b *bytes.Buffer) error { return Explain(b, format, codes, rules) }},
			{"probe", func(b *bytes.Buffer) error { return Probe(b, format, probes) }},
			{"stats", func(b *bytes.Buffer) error { return Stats(b, format, stats) }},
			{"stats_empty", func(b *bytes.Buffer) error { return Stats(b, format, nil) }},
		} {
			name := tc.name + "_" + format
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := tc.run(&buf); err != nil {
					t.Fatal(err)
				}
				golden(t, name, buf.Bytes())
			})
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	for _, err := range []error{
		Write(&buf, "xml", nil, Options{}),
		Rules(&buf, "sarif", nil),
		Explain(&buf, "yaml", nil, nil),
		Probe(&buf, "github", nil),
		Stats(&buf, "csv", nil),
	} {
		if err == nil || !strings.Contains(err.Error(), "unknown format") {
			t.Errorf("err = %v, want an unknown format error", err)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("an unknown format printed %q", buf.String())
	}
}
