package output

import (
	"errors"
	"strings"
	"testing"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// The fixture is built by hand, the way the engine would fill it in, so
// that these tests depend on the printers alone.

// draft is a post read from src, whose text starts at the first
// occurrence of text in src.
func draft(t testing.TB, file string, index int, src, text string) *lint.Post {
	t.Helper()
	start := strings.Index(src, text)
	if start < 0 {
		t.Fatalf("%s: text %q not in source", file, text)
	}
	return &lint.Post{
		File:      file,
		Index:     index,
		Text:      text,
		Source:    lint.NewSource(file, []byte(src)),
		TextStart: start,
	}
}

// span is the source span of the first occurrence of s at or after the
// post's text start, or in the whole source when inText is false.
func span(t testing.TB, p *lint.Post, s string, inText bool) lint.Span {
	t.Helper()
	from := 0
	if inText {
		from = p.TextStart
	}
	i := strings.Index(string(p.Source.Data[from:]), s)
	if i < 0 {
		t.Fatalf("%q not in %s", s, p.File)
	}
	return lint.Span{Start: from + i, End: from + i + len(s)}
}

// finding completes a finding the way the engine does: catalog fields
// from the code, positions from the span.
func finding(p *lint.Post, rule, code string, sev lint.Severity, sp lint.Span, msg, fix string) lint.Finding {
	f := lint.Finding{Rule: rule, Code: code, Severity: sev, Span: sp, Message: msg, Fix: fix}
	if c, ok := lint.LookupCode(code); ok {
		f.Code, f.Status, f.Category = c.Code, c.Status, c.Category
		if f.Fix == "" {
			f.Fix = c.Fix
		}
	} else if code == "xlint-ignore" {
		f.Category = "xlint"
	}
	f.Start, f.End = p.Position(sp.Start), p.Position(sp.End)
	return f
}

// textURL is a URL entity of the post's text.
func textURL(p *lint.Post, u, host string) lint.URL {
	i := strings.Index(p.Text, u)
	var e lint.URL
	e.Text, e.Start, e.End, e.Host = u, i, i+len(u), host
	return e
}

// Source of the first draft: front matter, then a text mixing a ZWJ emoji
// sequence, CJK and a combining accent before a link, so that byte
// offsets, code points and grapheme clusters all differ.
const srcA = "---\naccount: acme\nmedia: [clip.mp4, gone.png]\n---\n" +
	"👩‍👩‍👧 日本語 e\u0301 https://bit.ly/x ok\n"

const textA = "👩‍👩‍👧 日本語 e\u0301 https://bit.ly/x ok"

const srcB = "---\nxlint-ignore: [{rule: url-shortener}]\n---\nlong text\n"

func fixture(t testing.TB) []lint.Result {
	a := draft(t, "posts/a.md", 0, srcA, textA)
	a.Account = "acme"
	a.Media = []lint.Media{
		{Path: "clip.mp4", Span: span(t, a, "clip.mp4", false)},
		{Path: "gone.png", Span: span(t, a, "gone.png", false)},
	}
	aURL := textURL(a, "https://bit.ly/x", "bit.ly")
	aFindings := []lint.Finding{
		finding(a, "video-duration", "video longer than 2 minutes", lint.Error, a.Media[0].Span,
			"video is 141.0 s; free accounts may post at most 140 s", ""),
		finding(a, "media-not-found", "media not found", lint.Error, a.Media[1].Span,
			"posts/gone.png does not exist", ""),
		finding(a, "url-shortener", "invalid url", lint.Error, a.TextSpan(aURL.Start, aURL.End),
			"bit.ly is a URL shortener", ""),
	}
	aFacts := &lint.Facts{MaxLength: 280, URLs: []lint.URL{aURL}, Media: []lint.MediaFact{
		{Media: a.Media[0], Resolved: "posts/clip.mp4", Info: media.Info{
			Kind: media.Video, Container: "mp4", Duration: media.Duration{Ticks: 141 * 600, Timescale: 600},
			Width: 1280, Height: 720, FPS: 29.97, VideoCodec: "h264", AudioCodec: "aac", Size: 1234567,
		}},
		{Media: a.Media[1], Resolved: "posts/gone.png", Missing: true, Err: errors.New("no such file or directory")},
	}}
	aFacts.Text.WeightedLength = 45

	// A thread's second post: a warning without an X status (an ignore
	// without reason), and a message with every character GitHub's
	// workflow commands escape.
	b := draft(t, "posts/café notes.md", 1, srcB, "long text")
	b.Account = "acme"
	bFindings := []lint.Finding{
		finding(b, "xlint-ignore", "xlint-ignore", lint.Warning, span(t, b, "{rule: url-shortener}", false),
			"xlint-ignore of url-shortener has no reason", "say why the finding does not apply in `reason`"),
		finding(b, "text-length", "text too long", lint.Warning, span(t, b, "text", true),
			"text is 300/280 weighted: 7% over,\nsplit it", ""),
	}
	bFacts := &lint.Facts{MaxLength: 280, URLs: nil, Media: nil}
	bFacts.Text.WeightedLength = 9

	// Standard input: cashtags after an emoji, the second one reported.
	c := draft(t, "-", 0, "$AAPL 🚀 $TSLA", "$AAPL 🚀 $TSLA")
	cFindings := []lint.Finding{
		finding(c, "too-many-cashtags", "too many cashtags", lint.Error, c.TextSpan(len("$AAPL 🚀 "), len(c.Text)),
			"post has 2 cashtags; X allows at most 1", ""),
	}
	cFacts := &lint.Facts{MaxLength: 280}
	cFacts.Text.WeightedLength = 14

	// A clean post.
	d := draft(t, "posts/ok.txt", 0, "all good\n", "all good")
	dFacts := &lint.Facts{MaxLength: 280}
	dFacts.Text.WeightedLength = 8

	return []lint.Result{
		{Post: a, Facts: aFacts, Findings: aFindings, Prediction: lint.Predict(aFindings)},
		{Post: b, Facts: bFacts, Findings: bFindings, Prediction: lint.Predict(bFindings)},
		{Post: c, Facts: cFacts, Findings: cFindings, Prediction: lint.Predict(cFindings)},
		{Post: d, Facts: dFacts},
	}
}

// fixtureRules are the rules the fixture's findings come from, less
// xlint-ignore, which the engine raises itself.
func fixtureRules() []*lint.Rule {
	return []*lint.Rule{
		{ID: "media-not-found", Codes: []string{"media not found"}, Severity: lint.Error, Doc: lint.Doc{
			Title: "a media file does not exist",
			Text:  "Every file named under `media` must exist; X cannot upload what is not there.",
			Fix:   "fix the path or add the file"}},
		{ID: "text-length", Codes: []string{"text too long"}, Severity: lint.Error, Doc: lint.Doc{
			Title: "the text is longer than the plan allows",
			Text:  "X counts length with twitter-text v3 weights.",
			Fix:   "shorten the text"}},
		{ID: "too-many-cashtags", Codes: []string{"too many cashtags"}, Severity: lint.Error, Doc: lint.Doc{
			Title: "more than one cashtag",
			Text:  "X refuses posts with more than one $cashtag.",
			Fix:   "keep one cashtag"}},
		{ID: "url-shortener", Codes: []string{"invalid url"}, Severity: lint.Error, Doc: lint.Doc{
			Title: "a link goes through a URL shortener",
			Text:  "X refuses links through third-party shorteners.",
			Fix:   "link to the destination directly"}},
		{ID: "video-duration", Codes: []string{"video longer than 2 minutes", "video length"}, Severity: lint.Error, Doc: lint.Doc{
			Title: "a video is too long or too short for the plan",
			Text:  "Free accounts may post videos of at most 140 s.",
			Fix:   "trim the clip"}},
	}
}
