package output

import (
	"cmp"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// JSONVersion is the version of every JSON document this package writes;
// it changes only when a field is removed or changes meaning.
const JSONVersion = 1

// Report is the JSON document of `xlint check --format json`.
type Report struct {
	// Version is JSONVersion.
	Version int `json:"version"`
	// Posts are in the order the drafts were given.
	Posts   []ReportPost  `json:"posts"`
	Summary ReportSummary `json:"summary"`
}

// ReportPost is one post of a Report.
type ReportPost struct {
	// File is the draft's path as given, "-" for stdin, "" for a post
	// built in code.
	File string `json:"file"`
	// Index is the post's 0-based place in its file.
	Index int `json:"index"`
	// Line is where the post's text starts.
	Line int `json:"line"`
	// Account is the post's account: the draft's, else the default one;
	// "" when neither names one.
	Account string `json:"account"`
	// WeightedLength is twitter-text's length; MaxLength the plan's limit.
	WeightedLength int `json:"weighted_length"`
	MaxLength      int `json:"max_length"`
	// URLs, Media and Findings are empty lists, never null.
	URLs  []ReportURL  `json:"urls"`
	Media []MediaFacts `json:"media"`
	// Prediction is null when X would accept the post.
	Prediction *ReportPrediction `json:"prediction"`
	Findings   []ReportFinding   `json:"findings"`
}

// ReportURL is a link of a post: as written, its host, and where it
// starts in the file.
type ReportURL struct {
	URL    string `json:"url"`
	Host   string `json:"host"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// MediaFacts are a media file's facts, in check's and probe's JSON. Empty
// facts are left out; Error is set when the file could not be probed.
type MediaFacts struct {
	Path string `json:"path"`
	Kind string `json:"kind"`
	// Container is "mp4", "mov", "m4a", "png", "jpeg", "gif" or "webp".
	Container string `json:"container,omitempty"`
	// DurationSeconds is left out for still images.
	DurationSeconds *float64 `json:"duration_seconds,omitempty"`
	Width           int      `json:"width,omitempty"`
	Height          int      `json:"height,omitempty"`
	FPS             float64  `json:"fps,omitempty"`
	VideoCodec      string   `json:"video_codec,omitempty"`
	AudioCodec      string   `json:"audio_codec,omitempty"`
	SizeBytes       int64    `json:"size_bytes,omitempty"`
	Fragmented      bool     `json:"fragmented,omitempty"`
	Error           string   `json:"error,omitempty"`
}

// ReportPrediction is the error X would return first for a post.
type ReportPrediction struct {
	Status   int    `json:"status"`
	Code     string `json:"code"`
	Category string `json:"category"`
	Message  string `json:"message"`
}

// ReportFinding is one finding; columns count code points of the file and
// EndColumn is exclusive.
type ReportFinding struct {
	Rule      string `json:"rule"`
	Code      string `json:"code"`
	Status    int    `json:"status"`
	Category  string `json:"category"`
	Severity  string `json:"severity"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
	Fix       string `json:"fix"`
}

// ReportSummary counts a Report's posts and findings.
type ReportSummary struct {
	Posts    int `json:"posts"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// JSON prints results as a Report, indented by two spaces. Posts are
// converted and written a block at a time, so memory does not grow with
// the number of posts; the bytes are those a json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false) writes for
// NewReport(results). (json.MarshalIndent differs where a string holds
// <, > or &, which it escapes.)
func JSON(w io.Writer, results []lint.Result, o Options) error {
	b := newBuffered(w)
	b.WriteString("{\n  \"version\": " + strconv.Itoa(JSONVersion) + ",\n  \"posts\": [")
	inOrder(b, len(results), func(buf []byte, i int) []byte {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendIndent(buf, 2)
		sc := reportPool.Get().(*reportScratch)
		sc.fill(&results[i])
		buf = appendReportPost(buf, &sc.post, 2)
		reportPool.Put(sc)
		return buf
	})
	buf := make([]byte, 0, 256)
	if len(results) > 0 {
		b.WriteString("\n  ")
	}
	s := Summarize(results)
	buf = append(buf[:0], "],\n  \"summary\": {"...)
	buf = appendIntField(buf, 2, true, "posts", int64(s.Posts))
	buf = appendIntField(buf, 2, false, "errors", int64(s.Errors))
	buf = appendIntField(buf, 2, false, "warnings", int64(s.Warnings))
	buf = append(buf, "\n  }\n}\n"...)
	b.Write(buf)
	return b.Flush()
}

// NewReport converts results to the JSON wire form.
func NewReport(results []lint.Result) *Report {
	s := Summarize(results)
	rep := &Report{
		Version: JSONVersion,
		Posts:   make([]ReportPost, len(results)),
		//lint:ignore S1016 the wire type is kept apart from Summary, which may grow
		Summary: ReportSummary{Posts: s.Posts, Errors: s.Errors, Warnings: s.Warnings},
	}
	for i := range results {
		rep.Posts[i] = reportPost(&results[i])
	}
	return rep
}

func reportPost(r *lint.Result) ReportPost {
	var sc reportScratch
	sc.fill(r)
	p := sc.post
	if p.Prediction != nil {
		pr := *p.Prediction
		p.Prediction = &pr
	}
	return p
}

// reportScratch is a ReportPost whose lists and prediction are reused
// from post to post while JSON writes them, instead of allocated for each.
type reportScratch struct {
	post ReportPost
	pred ReportPrediction
}

var reportPool = sync.Pool{New: func() any { return new(reportScratch) }}

// fill makes sc.post the wire form of r, reusing sc's memory: sc.post
// points into sc and its lists are overwritten by the next fill.
func (sc *reportScratch) fill(r *lint.Result) {
	p := &sc.post
	*p = ReportPost{
		File:     fileOf(r),
		URLs:     reuse(p.URLs, 0),
		Media:    reuse(p.Media, 0),
		Findings: reuse(p.Findings, len(r.Findings)),
	}
	post := r.Post
	if post != nil {
		p.Index = post.Index
		p.Line = post.StartLine()
		p.Account = cmp.Or(r.Account, post.Account)
	}
	if f := r.Facts; f != nil {
		p.WeightedLength = f.Text.WeightedLength
		p.MaxLength = f.MaxLength
		p.URLs = reuse(p.URLs, len(f.URLs))
		for i, u := range f.URLs {
			p.URLs[i] = ReportURL{URL: u.Text, Host: u.Host}
			pos := u.Pos
			if pos.Line == 0 && post != nil { // facts made by hand
				pos = post.Position(post.TextSpan(u.Start, u.End).Start)
			}
			p.URLs[i].Line, p.URLs[i].Column = pos.Line, pos.Column
		}
		p.Media = reuse(p.Media, len(f.Media))
		for i := range f.Media {
			m := &f.Media[i]
			p.Media[i] = mediaFacts(m.Resolved, m.Info, m.Err)
		}
	}
	if pr := r.Prediction; pr != nil {
		sc.pred = ReportPrediction{Status: pr.Status, Code: pr.Code, Category: pr.Category, Message: pr.Message}
		p.Prediction = &sc.pred
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		start, end := positions(r, f)
		p.Findings[i] = ReportFinding{
			Rule:      f.Rule,
			Code:      f.Code,
			Status:    f.Status,
			Category:  f.Category,
			Severity:  f.Severity.String(),
			Line:      start.Line,
			Column:    start.Column,
			EndLine:   end.Line,
			EndColumn: end.Column,
			Message:   f.Message,
			Fix:       f.Fix,
		}
	}
}

// reuse returns s resized to n, reallocated only when too small; never
// nil, as the wire form's lists are empty, not null.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n || s == nil {
		return make([]T, n)
	}
	return s[:n]
}

// mediaFacts converts a probe's outcome; a file that could not be probed
// still gets its path, kind "unknown" (unless the probe learnt it) and the
// error.
func mediaFacts(path string, info media.Info, err error) MediaFacts {
	m := MediaFacts{
		Path:       path,
		Kind:       string(info.Kind),
		Container:  info.Container,
		Width:      info.Width,
		Height:     info.Height,
		FPS:        info.FPS,
		VideoCodec: info.VideoCodec,
		AudioCodec: info.AudioCodec,
		SizeBytes:  info.Size,
		Fragmented: info.Fragmented,
	}
	if m.Kind == "" {
		m.Kind = string(media.Unknown)
	}
	// JSON has no NaN or infinity: a broken frame rate must not cost the
	// whole report, so it is left out like an unknown one.
	if math.IsNaN(m.FPS) || math.IsInf(m.FPS, 0) {
		m.FPS = 0
	}
	if info.Duration.Timescale != 0 && info.Kind != media.Image {
		s := info.Duration.Seconds()
		m.DurationSeconds = &s
	}
	if err != nil {
		m.Error = err.Error()
	}
	return m
}

// encodeJSON writes v indented by two spaces with a trailing newline. HTML
// characters are left as they are: the output is read by scripts and
// people, never embedded in a page.
func encodeJSON(w io.Writer, v any) error {
	b := newBuffered(w)
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return b.Flush()
}
