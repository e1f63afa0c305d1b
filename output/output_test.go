package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

func TestSummaryString(t *testing.T) {
	for _, tc := range []struct {
		s    Summary
		want string
	}{
		{Summary{}, "0 posts checked: no problems"},
		{Summary{Posts: 1}, "1 post checked: no problems"},
		{Summary{Posts: 2, Errors: 1, Warnings: 1}, "2 posts checked: 1 error, 1 warning"},
		{Summary{Posts: 3, Errors: 2}, "3 posts checked: 2 errors, 0 warnings"},
		{Summary{Posts: 1, Warnings: 5}, "1 post checked: 0 errors, 5 warnings"},
	} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	got := Summarize(fixture(t))
	if want := (Summary{Posts: 4, Errors: 4, Warnings: 2}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestJSONRoundTrip decodes the output into the wire types, refusing
// unknown fields, and checks that it carries the fixture's facts.
func TestJSONRoundTrip(t *testing.T) {
	results := fixture(t)
	var buf bytes.Buffer
	if err := JSON(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("}\n")) || !bytes.Contains(buf.Bytes(), []byte("\n  \"version\": 1,\n")) {
		t.Errorf("output is not indented by two spaces with \"version\": 1 and a trailing newline:\n%s", buf.Bytes())
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	var rep Report
	if err := dec.Decode(&rep); err != nil {
		t.Fatal(err)
	}
	if rep.Version != 1 {
		t.Errorf("version = %d, want 1", rep.Version)
	}
	if !reflect.DeepEqual(&rep, NewReport(results)) {
		t.Errorf("decoded report differs from NewReport")
	}
	if len(rep.Posts) != len(results) {
		t.Fatalf("%d posts, want %d", len(rep.Posts), len(results))
	}
	a := rep.Posts[0]
	// Columns count code points: the link follows a ZWJ family emoji (5
	// code points), CJK and a combining accent.
	if u := a.URLs[0]; u.URL != "https://bit.ly/x" || u.Host != "bit.ly" || u.Line != 5 || u.Column != 14 {
		t.Errorf("url = %+v, want https://bit.ly/x at 5:14", u)
	}
	if f := a.Findings[2]; f.Line != 5 || f.Column != 14 || f.EndLine != 5 || f.EndColumn != 30 {
		t.Errorf("url finding at %d:%d-%d:%d, want 5:14-5:30", f.Line, f.Column, f.EndLine, f.EndColumn)
	}
	if m := a.Media[0]; m.DurationSeconds == nil || *m.DurationSeconds != 141 || m.Kind != "video" {
		t.Errorf("media[0] = %+v, want a 141 s video", m)
	}
	if m := a.Media[1]; m.Kind != "unknown" || m.Error == "" || m.Path != "posts/gone.png" {
		t.Errorf("missing media = %+v, want kind unknown with an error", m)
	}
	if a.Prediction == nil || a.Prediction.Code != "video longer than 2 minutes" {
		t.Errorf("prediction = %+v", a.Prediction)
	}
	if rep.Posts[2].File != "-" {
		t.Errorf("stdin file = %q, want -", rep.Posts[2].File)
	}
	if rep.Summary != (ReportSummary{Posts: 4, Errors: 4, Warnings: 2}) {
		t.Errorf("summary = %+v", rep.Summary)
	}
}

// TestJSONEmptyLists checks that lists are [] and a missing prediction
// null, never left out, so that scripts can index them.
func TestJSONEmptyLists(t *testing.T) {
	for _, results := range [][]lint.Result{nil, {{Post: &lint.Post{File: "x.txt", Text: "hi"}}}} {
		var buf bytes.Buffer
		if err := JSON(&buf, results, Options{}); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		posts, ok := doc["posts"].([]any)
		if !ok || len(posts) != len(results) {
			t.Fatalf("posts = %#v", doc["posts"])
		}
		for _, p := range posts {
			p := p.(map[string]any)
			for _, key := range []string{"urls", "media", "findings"} {
				if l, ok := p[key].([]any); !ok || len(l) != 0 {
					t.Errorf("%s = %#v, want []", key, p[key])
				}
			}
			if v, ok := p["prediction"]; !ok || v != nil {
				t.Errorf("prediction = %#v, want null", v)
			}
		}
	}
}

// TestSARIFStructure checks the properties SARIF consumers require.
func TestSARIFStructure(t *testing.T) {
	var buf bytes.Buffer
	o := Options{Version: "0.1.0", Root: "/repo", Rules: fixtureRules()}
	if err := SARIF(&buf, fixture(t), o); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log["$schema"] != "https://json.schemastore.org/sarif-2.1.0.json" || log["version"] != "2.1.0" {
		t.Errorf("$schema = %v, version = %v", log["$schema"], log["version"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := runs[0].(map[string]any)
	if run["columnKind"] != "unicodeCodePoints" {
		t.Errorf("columnKind = %v", run["columnKind"])
	}
	base := run["originalUriBaseIds"].(map[string]any)["%SRCROOT%"].(map[string]any)
	if base["uri"] != "file:///repo/" {
		t.Errorf("%%SRCROOT%% = %v, want file:///repo/", base["uri"])
	}
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "xlint" || driver["version"] != "0.1.0" {
		t.Errorf("driver = %v %v", driver["name"], driver["version"])
	}
	rules := driver["rules"].([]any)
	if len(rules) != len(o.Rules)+1 { // and xlint-ignore
		t.Errorf("%d rules, want %d", len(rules), len(o.Rules)+1)
	}
	for _, r := range rules {
		r := r.(map[string]any)
		for _, key := range []string{"id", "shortDescription", "fullDescription", "help", "defaultConfiguration"} {
			if r[key] == nil {
				t.Errorf("rule %v has no %s", r["id"], key)
			}
		}
		if name, _ := r["name"].(string); name != ruleName(r["id"].(string)) {
			t.Errorf("rule %v is named %q", r["id"], name)
		}
		if help := r["help"].(map[string]any); help["text"] == "" || help["markdown"] == "" {
			t.Errorf("rule %v has an empty help", r["id"])
		}
	}
	results := run["results"].([]any)
	if len(results) != 6 {
		t.Errorf("%d results, want 6", len(results))
	}
	for _, res := range results {
		res := res.(map[string]any)
		i := int(res["ruleIndex"].(float64))
		if i < 0 || i >= len(rules) || rules[i].(map[string]any)["id"] != res["ruleId"] {
			t.Errorf("result of %v has ruleIndex %d, which is another rule", res["ruleId"], i)
		}
		if l := res["level"]; l != "error" && l != "warning" {
			t.Errorf("level = %v", l)
		}
	}
}

// TestSARIFLocations checks the URIs made of draft paths.
func TestSARIFLocations(t *testing.T) {
	for _, tc := range []struct {
		file, root string
		want       sarifArtifactLoc
	}{
		{"/repo/posts/a.md", "/repo", sarifArtifactLoc{"posts/a.md", srcRoot}},
		{"/repo/posts/café notes.md", "/repo", sarifArtifactLoc{"posts/caf%C3%A9%20notes.md", srcRoot}},
		{"/repo/100%/#1?.md", "/repo", sarifArtifactLoc{"100%25/%231%3F.md", srcRoot}},
		{"/repo/a:b.md", "/repo", sarifArtifactLoc{"./a:b.md", srcRoot}},
		{"/elsewhere/x y.md", "/repo", sarifArtifactLoc{"file:///elsewhere/x%20y.md", ""}},
		{"/repository/x.md", "/repo", sarifArtifactLoc{"file:///repository/x.md", ""}},
		{"/repo/x.md", "", sarifArtifactLoc{"file:///repo/x.md", ""}},
		{"posts/a.md", "", sarifArtifactLoc{"posts/a.md", ""}},
		{"../other/./a.md", "/repo", sarifArtifactLoc{"../other/a.md", ""}},
		{"-", "/repo", sarifArtifactLoc{"stdin", ""}},
		{"//tmp/x.md", "/repo", sarifArtifactLoc{"file:////tmp/x.md", ""}}, // after the authority, "//" is a path
	} {
		if got := newRootPaths(tc.root).artifactLocation(tc.file); got != tc.want {
			t.Errorf("artifactLocation(%q, %q) = %+v, want %+v", tc.file, tc.root, got, tc.want)
		}
	}
	if got := fileURI("/my root/日本", true); got != "file:///my%20root/%E6%97%A5%E6%9C%AC/" {
		t.Errorf("fileURI = %q", got)
	}
}

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100% sure", "100%25 sure", "100%25 sure"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"line1\r\nline2\n", "line1%0D%0Aline2%0A", "line1%0D%0Aline2%0A"},
		{"%0A", "%250A", "%250A"},
	} {
		if got := escapeData(tc.in); got != tc.data {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeProperty(tc.in); got != tc.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

// TestGitHubCommands checks every line is one well-formed command.
func TestGitHubCommands(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, fixture(t), Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 6 commands and a summary:\n%s", len(lines), buf.String())
	}
	for _, l := range lines[:6] {
		cmd, rest, ok := strings.Cut(l, " ")
		if !ok || (cmd != "::error" && cmd != "::warning") {
			t.Errorf("not a command: %q", l)
			continue
		}
		props, _, ok := strings.Cut(rest, "::")
		if !ok {
			t.Errorf("no message: %q", l)
		}
		for _, p := range strings.Split(props, ",") {
			if k, _, ok := strings.Cut(p, "="); !ok || strings.ContainsAny(k, " :") {
				t.Errorf("bad property %q in %q", p, l)
			}
		}
	}
	if lines[6] != "4 posts checked: 4 errors, 2 warnings" {
		t.Errorf("summary = %q", lines[6])
	}
}

func TestTextColor(t *testing.T) {
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Text(&buf, fixture(t), Options{Color: color}); err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(buf.String(), "\x1b["); has != color {
			t.Errorf("Color %v: output has ANSI escapes: %v", color, has)
		}
	}
}

// TestPositionsFromSpan checks that findings built without positions are
// located from their spans.
func TestPositionsFromSpan(t *testing.T) {
	p := &lint.Post{File: "a.txt", Text: "日本 $A $B"}
	f := lint.Finding{Rule: "r", Severity: lint.Error, Message: "m", Span: lint.Span{Start: len("日本 $A "), End: len(p.Text)}}
	var buf bytes.Buffer
	if err := Text(&buf, []lint.Result{{Post: p, Findings: []lint.Finding{f}}}, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "a.txt:1:7: error: m [r]\n1 post checked: 1 error, 0 warnings\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// TestTextFileOneLine: a line break in a file name cannot split a finding
// or a prediction over two lines.
func TestTextFileOneLine(t *testing.T) {
	p := &lint.Post{File: "n\nl.txt", Text: "x"}
	f := lint.Finding{Rule: "r", Severity: lint.Error, Message: "m", Code: "c", Status: 403, Span: lint.Span{Start: 0, End: 1}}
	r := lint.Result{Post: p, Findings: []lint.Finding{f}, Prediction: &lint.Prediction{Status: 403, Code: "c"}}
	var buf bytes.Buffer
	if err := Text(&buf, []lint.Result{r}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `n\nl.txt:1:1: error: m [r] (X: 403 c)` + "\n" + `n\nl.txt: X would return 403 "c"` + "\n1 post checked: 1 error, 0 warnings\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	// Nor can a terminal's escape sequence, in a file name or a message.
	p.File, f.Message = "\x1b]0;x\x07.txt", "client id \x1b[31mred\u009b0m"
	buf.Reset()
	if err := Text(&buf, []lint.Result{{Post: p, Findings: []lint.Finding{f}}}, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := `\x1b]0;x\x07.txt:1:1: error: client id \x1b[31mred\u009b0m [r] (X: 403 c)`; !strings.HasPrefix(buf.String(), want) {
		t.Errorf("got %q, want it to begin %q", buf.String(), want)
	}
}

// FuzzOneLine: the text format's escaping leaves no line break or other
// control character (but tab) to reach a terminal, and leaves a string
// without any as it is.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"plain", "a\r\nb\nc\rd", "\x1b[31mred", "\u009b31m", "tab\there", "\xff\x00", "é\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := oneLine(s)
		for _, r := range got {
			if isControl(r) {
				t.Fatalf("oneLine(%q) = %q keeps %U", s, got, r)
			}
		}
		if !strings.ContainsFunc(s, isControl) && got != s {
			t.Fatalf("oneLine(%q) = %q, want it unchanged", s, got)
		}
	})
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	for _, format := range Formats {
		if err := Write(failWriter{}, format, fixture(t), Options{}); err == nil {
			t.Errorf("%s: no error from a failing writer", format)
		}
	}
}

// FuzzEscapeProperty checks that an escaped property can neither end the
// property (',' or ':') nor the line, and that unescaping gives it back.
func FuzzEscapeProperty(f *testing.F) {
	for _, s := range []string{"", "a:b,c", "100%", "%3A", "x\r\ny", "日本:"} {
		f.Add(s)
	}
	unescape := strings.NewReplacer("%2C", ",", "%3A", ":", "%0A", "\n", "%0D", "\r", "%25", "%")
	f.Fuzz(func(t *testing.T, s string) {
		e := escapeProperty(s)
		if strings.ContainsAny(e, ",:\r\n") {
			t.Fatalf("escapeProperty(%q) = %q", s, e)
		}
		if got := unescape.Replace(e); got != s {
			t.Fatalf("unescape(escapeProperty(%q)) = %q", s, got)
		}
	})
}

// FuzzEscapeURIPath checks that an escaped path is a URI path that
// decodes back to the input.
func FuzzEscapeURIPath(f *testing.F) {
	for _, s := range []string{"posts/a.md", "café notes.md", "a:b/c", "100%/#?", "/abs/日本", "", "//", "//host/a.md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := escapeURIPath(s)
		u, err := url.Parse(e)
		if err != nil {
			t.Fatalf("escapeURIPath(%q) = %q: %v", s, e, err)
		}
		if u.Scheme != "" || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("escapeURIPath(%q) = %q is not a bare path", s, e)
		}
		want := s
		switch {
		case strings.HasPrefix(e, "./") && !strings.HasPrefix(s, "./"):
			want = "./" + s
		case strings.HasPrefix(s, "//"):
			want = "/." + s
		}
		if u.Path != want {
			t.Fatalf("escapeURIPath(%q) = %q decodes to %q", s, e, u.Path)
		}
	})
}

// TestJSONStreamed checks that the streamed output is byte for byte the
// encoding of the whole report.
func TestJSONStreamed(t *testing.T) {
	odd := &lint.Post{File: "<odd> \"dir\"/a\\b.md", Account: "a&b", Text: "x\u2028y"}
	oddFindings := []lint.Finding{{
		Rule: "r", Code: "c\x00\x1f\x7f", Severity: lint.Warning,
		Message: "tab\there\bbell\f \xff\xfe invalid \u2029 <b>&amp;</b> \"q\" \\",
		Fix:     "日本語 👩‍👩‍👧",
	}}
	oddFacts := &lint.Facts{Media: []lint.MediaFact{
		{Resolved: "a.mp4", Info: media.Info{Kind: media.Video, Duration: media.Duration{Ticks: 1, Timescale: 10000000}, FPS: 1e21, Fragmented: true}},
		{Resolved: "b.png", Info: media.Info{Kind: media.Image, Duration: media.Duration{Ticks: 5, Timescale: 1}}},
	}}
	for _, results := range [][]lint.Result{nil, fixture(t), {{Post: odd, Facts: oddFacts, Findings: oddFindings, Prediction: lint.Predict(oddFindings)}}} {
		var got, want bytes.Buffer
		if err := JSON(&got, results, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := encodeJSON(&want, NewReport(results)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed JSON differs:\n%s\nwant:\n%s", got.String(), want.String())
		}
	}
}

// TestProbeNonFiniteFPS checks that a frame rate JSON cannot hold is left
// out instead of failing the document.
func TestProbeNonFiniteFPS(t *testing.T) {
	for _, fps := range []float64{math.NaN(), math.Inf(1)} {
		var buf bytes.Buffer
		items := []ProbeItem{{Path: "a.mp4", Info: media.Info{Kind: media.Video, FPS: fps, Width: 2, Height: 2}}}
		if err := Probe(&buf, "json", items); err != nil {
			t.Fatalf("fps %v: %v", fps, err)
		}
		if strings.Contains(buf.String(), "fps") || !strings.Contains(buf.String(), `"width": 2`) {
			t.Errorf("fps %v: %s", fps, buf.String())
		}
	}
}

func TestExplainSkipsNil(t *testing.T) {
	c, _ := lint.LookupCode("duplicate")
	var buf bytes.Buffer
	if err := Explain(&buf, "json", []*lint.Code{nil, c}, nil); err != nil {
		t.Fatal(err)
	}
	var doc ExplainDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Codes) != 1 || doc.Codes[0].Code != "duplicate" || doc.Codes[0].Status != 403 {
		t.Errorf("codes = %+v", doc.Codes)
	}
}

// TestNilRulesSkipped: a nil rule is skipped by every printer that takes
// rules, as Explain skips a nil code, rather than panicking.
func TestNilRulesSkipped(t *testing.T) {
	r := &lint.Rule{ID: "mine", Codes: []string{"duplicate"}, Severity: lint.Warning, Doc: lint.Doc{Title: "my rule"}}
	rules := []*lint.Rule{nil, r, nil}
	for _, format := range CommandFormats {
		var buf bytes.Buffer
		if err := Rules(&buf, format, rules); err != nil || !strings.Contains(buf.String(), "mine") {
			t.Errorf("Rules %s: %v\n%s", format, err, buf.String())
		}
		if format == "json" {
			var doc RulesDoc
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || len(doc.Rules) != 1 {
				t.Errorf("Rules json: %v, %+v; want one rule", err, doc.Rules)
			}
		}
		buf.Reset()
		c, _ := lint.LookupCode("duplicate")
		if err := Explain(&buf, format, []*lint.Code{c}, rules); err != nil || !strings.Contains(buf.String(), "mine") {
			t.Errorf("Explain %s: %v\n%s", format, err, buf.String())
		}
	}
	var buf bytes.Buffer
	if err := SARIF(&buf, nil, Options{Rules: rules}); err != nil || !strings.Contains(buf.String(), `"id": "mine"`) {
		t.Errorf("SARIF: %v\n%s", err, buf.String())
	}
}

// TestPostWithoutFile: a post built in code (File "") is printed without
// a file name in every format, never as ":1:4:" nor as standard input.
func TestPostWithoutFile(t *testing.T) {
	f := lint.Finding{Rule: "url-shortener", Code: "invalid url", Status: 403, Category: lint.Content, Severity: lint.Error,
		Message: "bit.ly is a URL shortener", Start: lint.Position{Line: 1, Column: 4}, End: lint.Position{Line: 1, Column: 20}}
	results := []lint.Result{{Post: &lint.Post{Text: "hi https://bit.ly/x"}, Findings: []lint.Finding{f}, Prediction: lint.Predict([]lint.Finding{f})}}
	want := map[string][]string{
		"text":   {"\n1:4: error: bit.ly is a URL shortener [url-shortener]", "\nX would return 403"},
		"json":   {`"file": ""`},
		"sarif":  {`"text": "1:4: bit.ly is a URL shortener`, `"locations": []`},
		"github": {"::error title=", "::1:4: bit.ly is a URL shortener"},
	}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, format, results, Options{}); err != nil {
			t.Fatal(err)
		}
		out := "\n" + buf.String()
		for _, w := range want[format] {
			if !strings.Contains(out, w) {
				t.Errorf("%s: want %q in\n%s", format, w, buf.String())
			}
		}
		if strings.Contains(out, "stdin") || strings.Contains(out, "\n:1:") {
			t.Errorf("%s: a post without a file printed as stdin or with an empty name:\n%s", format, buf.String())
		}
	}
	var buf bytes.Buffer
	GitHubFileError(&buf, "", 3, "bad", Options{})
	if got := buf.String(); got != "::error title=xlint%3A malformed draft::3: bad\n" {
		t.Errorf("GitHubFileError without a file: %q", got)
	}
}

// TestAppendJSONStringWords puts each byte that is not plain, and some
// that are, at every place of ASCII text and of text that is not ASCII
// (which appendJSONString checks for valid UTF-8 once, then scans for
// U+2028 and U+2029 alone), so that its eight-bytes-at-once path meets
// each in every lane of a word.
func TestAppendJSONStringWords(t *testing.T) {
	var bytes []string
	for c := 0; c < 0x20; c++ {
		bytes = append(bytes, string(rune(c)))
	}
	bytes = append(bytes, `"`, `\`, "\x7f", " ", "!", "#", "[", "]", "\xff", "\xe2", "\xe2\x80", "\xc3\xa9",
		"\u2028", "\u2029", "\u2027", "\u202a", "€", "\u2000", "\ufffd")
	for _, base := range []string{"abcdefghijklmnopqrstuvwxyz012345", "é—abcdefgh日本語ijklmnop€xyz", "日本語のテキストです。"} {
		testAppendJSONStringWords(t, base, bytes)
	}
}

func testAppendJSONStringWords(t *testing.T, base string, bytes []string) {
	for _, c := range bytes {
		for i := 0; i <= len(base); i++ {
			s := base[:i] + c + base[i:]
			var want strings.Builder
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			if got := string(appendJSONString(nil, s)) + "\n"; got != want.String() {
				t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want.String())
			}
		}
	}
}

// FuzzAppendJSONString holds the hand-written string quoting to
// encoding/json's.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\", "\x00\x1f\x7f\b\f\n\r\t", "\xff\xc3", "\u2028\u2029", "<&>", "日本 👩‍👩‍👧"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got)+"\n" != want.String() {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want.String())
		}
	})
}

func TestGitHubFileError(t *testing.T) {
	for _, tt := range []struct {
		file string
		line int
		msg  string
		want string
	}{
		{"posts/a.md", 3, "at: bad", "::error file=posts/a.md,line=3,title=xlint%3A malformed draft::at: bad\n"},
		{"a,b:c%.md", 0, "not a regular file", "::error file=a%2Cb%3Ac%25.md,title=xlint%3A malformed draft::not a regular file\n"},
		{"-", 2, "100%\nNUL byte", "::error title=xlint%3A malformed draft::stdin:2: 100%25%0ANUL byte\n"},
	} {
		var b strings.Builder
		if err := GitHubFileError(&b, tt.file, tt.line, tt.msg, Options{}); err != nil || b.String() != tt.want {
			t.Errorf("GitHubFileError(%q, %d, %q) = %q, %v; want %q", tt.file, tt.line, tt.msg, b.String(), err, tt.want)
		}
	}
}

// TestSARIFErrors checks that drafts that could not be read become the
// run's tool execution notifications, and that a run without any writes no
// invocation.
func TestSARIFErrors(t *testing.T) {
	runOf := func(o Options) map[string]any {
		t.Helper()
		var buf bytes.Buffer
		if err := SARIF(&buf, fixture(t), o); err != nil {
			t.Fatal(err)
		}
		var log map[string]any
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		return log["runs"].([]any)[0].(map[string]any)
	}
	if inv, ok := runOf(Options{Root: "/repo"})["invocations"]; ok {
		t.Errorf("a run that read every draft has invocations: %v", inv)
	}

	run := runOf(Options{Root: "/repo", Errors: []RunError{
		{File: "/repo/posts/bad.md", Line: 3, Msg: "at: \"soon\" is not an RFC 3339 time"},
		{File: "-", Msg: "stdin is larger than 16 MiB"},
		{Msg: "something without a file"},
	}})
	invs := run["invocations"].([]any)
	if len(invs) != 1 {
		t.Fatalf("%d invocations, want 1", len(invs))
	}
	inv := invs[0].(map[string]any)
	if inv["executionSuccessful"] != false {
		t.Errorf("executionSuccessful = %v, want false", inv["executionSuccessful"])
	}
	notes := inv["toolExecutionNotifications"].([]any)
	if len(notes) != 3 {
		t.Fatalf("%d notifications, want 3", len(notes))
	}
	type want struct {
		uri, base string
		line      float64 // 0: no region
	}
	for i, w := range []*want{{"posts/bad.md", srcRoot, 3}, {"stdin", "", 0}, nil} {
		n := notes[i].(map[string]any)
		if n["level"] != "error" || n["message"].(map[string]any)["text"] == "" {
			t.Errorf("notification %d: level %v, message %v", i, n["level"], n["message"])
		}
		locs, _ := n["locations"].([]any)
		if w == nil {
			if len(locs) != 0 {
				t.Errorf("notification %d names no file but has locations %v", i, locs)
			}
			continue
		}
		if len(locs) != 1 {
			t.Fatalf("notification %d: %d locations, want 1", i, len(locs))
		}
		phys := locs[0].(map[string]any)["physicalLocation"].(map[string]any)
		art := phys["artifactLocation"].(map[string]any)
		base, _ := art["uriBaseId"].(string)
		if art["uri"] != w.uri || base != w.base {
			t.Errorf("notification %d: artifact %v, want uri %q base %q", i, art, w.uri, w.base)
		}
		region, _ := phys["region"].(map[string]any)
		if line, _ := region["startLine"].(float64); line != w.line {
			t.Errorf("notification %d: region %v, want startLine %v", i, region, w.line)
		}
	}
}

// TestGitHubLines: a finding on one line gets its columns; one over
// several lines gets its lines only, as the runner drops the columns of
// such an annotation as invalid.
func TestGitHubLines(t *testing.T) {
	src := "line one of the post\nline two\n"
	p := draft(t, "m.md", 0, src, strings.TrimSuffix(src, "\n"))
	results := []lint.Result{{Post: p, Facts: &lint.Facts{MaxLength: 280}, Findings: []lint.Finding{
		finding(p, "duplicate", "duplicate", lint.Error, p.TextSpan(0, len(p.Text)), "the same text", ""),
		finding(p, "text-length", "text too long", lint.Warning, p.TextSpan(5, 8), "one", ""),
	}}}
	var buf bytes.Buffer
	if err := GitHub(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"::error file=m.md,line=1,endLine=2,title=",
		"::warning file=m.md,line=1,col=6,endColumn=9,title=",
	} {
		if !strings.Contains(buf.String(), want+"xlint") {
			t.Errorf("no %q in\n%s", want, buf.String())
		}
	}
}

// TestSARIFRuleNames: a rule's name is its id in PascalCase, left out
// when that differs from the id only in case.
// TestSARIFIgnoreRuleDefault: an xlint-ignore finding the config made an
// error is an error result of a rule whose default is still warning, as
// the other rules show their defaults, not the config's severity.
func TestSARIFIgnoreRuleDefault(t *testing.T) {
	rs := []lint.Result{{
		Post: &lint.Post{File: "/repo/a.md", Text: "hi"},
		Findings: []lint.Finding{{Rule: lint.IgnoreRule, Code: lint.IgnoreRule, Category: "xlint", Severity: lint.Error,
			Message: "xlint-ignore of url-blocked matches no finding"}},
	}}
	var buf bytes.Buffer
	if err := SARIF(&buf, rs, Options{Root: "/repo"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct{ RuleID, Level string }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 1 || run.Tool.Driver.Rules[0].ID != lint.IgnoreRule || run.Tool.Driver.Rules[0].DefaultConfiguration.Level != "warning" {
		t.Errorf("rules %+v, want xlint-ignore with default level warning", run.Tool.Driver.Rules)
	}
	if len(run.Results) != 1 || run.Results[0].Level != "error" {
		t.Errorf("results %+v, want one error", run.Results)
	}
}

func TestSARIFRuleNames(t *testing.T) {
	for id, want := range map[string]string{"video-duration": "VideoDuration", "duplicate": "", "unauthorized": "", "xlint-ignore": "XlintIgnore"} {
		if got := ruleName(id); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", id, got, want)
		}
	}
}
