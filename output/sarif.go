package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xlint/xlint/lint"
)

// SARIF constants: the schema GitHub code scanning and most viewers
// validate against, and where users learn more about xlint.
const (
	sarifSchema    = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	informationURI = "https://github.com/xlint/xlint"
	srcRoot        = "%SRCROOT%"
	stdinURI       = "stdin"
)

// The SARIF wire types hold only what xlint writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		Invocations        []sarifInvocation           `json:"invocations,omitempty"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
		ColumnKind         string                      `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name,omitempty"`
		ShortDescription     sarifText          `json:"shortDescription"`
		FullDescription      sarifText          `json:"fullDescription"`
		Help                 sarifHelp          `json:"help"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           sarifRuleProps     `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Codes []string `json:"codes"`
	}
	sarifResult struct {
		RuleID     string           `json:"ruleId"`
		RuleIndex  int              `json:"ruleIndex"`
		Level      string           `json:"level"`
		Message    sarifText        `json:"message"`
		Locations  []sarifLocation  `json:"locations"`
		Properties sarifResultProps `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	// An invocation is written only when something could not be checked
	// (Options.Errors): its notifications say what, and
	// executionSuccessful is false.
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
	}
	sarifNotification struct {
		Level     string              `json:"level"`
		Message   sarifText           `json:"message"`
		Locations []sarifNoteLocation `json:"locations,omitempty"`
	}
	sarifNoteLocation struct {
		PhysicalLocation sarifNotePhysical `json:"physicalLocation"`
	}
	sarifNotePhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           *sarifLineRegion `json:"region,omitempty"`
	}
	sarifLineRegion struct {
		StartLine int `json:"startLine"`
	}
	sarifResultProps struct {
		Code     string `json:"code"`
		Status   int    `json:"status"`
		Category string `json:"category"`
	}
)

// SARIF prints results as a SARIF 2.1.0 log with one run. Every rule of
// o.Rules is described in tool.driver.rules, in that order; a finding of
// a rule not listed there (xlint-ignore) gets an entry built from its
// catalog code. Columns count code points and end columns are exclusive,
// as SARIF's own convention wants. A post without a file (built in
// code) has no artifact to locate its findings in: they have no
// locations, and their message starts with "LINE:COL: ", as in GitHub.
// The prediction is not part of the log: code-scanning tools show
// findings, and the prediction is one of them.
func SARIF(w io.Writer, results []lint.Result, o Options) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "xlint",
			Version:        o.Version,
			InformationURI: informationURI,
			Rules:          make([]sarifRule, 0, len(o.Rules)),
		}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	ruleIndex := make(map[string]int, len(o.Rules))
	for _, r := range o.Rules {
		if r == nil {
			continue
		}
		if _, dup := ruleIndex[r.ID]; dup {
			continue
		}
		ruleIndex[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	var extra []*lint.Finding
	for i := range results {
		for j := range results[i].Findings {
			f := &results[i].Findings[j]
			if _, ok := ruleIndex[f.Rule]; ok || slices.ContainsFunc(extra, func(e *lint.Finding) bool { return e.Rule == f.Rule }) {
				continue
			}
			extra = append(extra, f)
		}
	}
	slices.SortFunc(extra, func(a, b *lint.Finding) int { return strings.Compare(a.Rule, b.Rule) })
	for _, f := range extra {
		ruleIndex[f.Rule] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOfFinding(f))
	}

	paths := newRootPaths(o.Root)
	if paths.root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(paths.root, true)}}
	}
	if len(o.Errors) > 0 {
		inv := sarifInvocation{ToolExecutionNotifications: make([]sarifNotification, len(o.Errors))}
		for i, e := range o.Errors {
			n := sarifNotification{Level: "error", Message: sarifText{e.Msg}}
			if e.File != "" {
				loc := sarifNoteLocation{PhysicalLocation: sarifNotePhysical{ArtifactLocation: paths.artifactLocation(e.File)}}
				if e.Line > 0 {
					loc.PhysicalLocation.Region = &sarifLineRegion{StartLine: e.Line}
				}
				n.Locations = []sarifNoteLocation{loc}
			}
			inv.ToolExecutionNotifications[i] = n
		}
		run.Invocations = []sarifInvocation{inv}
	}
	// The log is encoded with an empty results list, and the results are
	// spliced in where it stands, one at a time, so that memory does not
	// grow with the run. Strings are escaped in JSON, so the marker can
	// only be the results member itself.
	var head bytes.Buffer
	if err := encodeJSON(&head, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	const marker = "\n      \"results\": [],\n"
	cut := bytes.Index(head.Bytes(), []byte(marker))
	if cut < 0 {
		return errors.New("sarif: results member not found in the encoded log")
	}
	b := newBuffered(w)
	b.Write(head.Bytes()[:cut])
	b.WriteString("\n      \"results\": [")
	var item bytes.Buffer
	enc := json.NewEncoder(&item)
	enc.SetIndent("        ", "  ")
	enc.SetEscapeHTML(false)
	n := 0
	for i := range results {
		r := &results[i]
		if len(r.Findings) == 0 {
			continue
		}
		file := fileOf(r)
		loc := paths.artifactLocation(file)
		for j := range r.Findings {
			f := &r.Findings[j]
			start, end := positions(r, f)
			res := sarifResult{
				RuleID:    f.Rule,
				RuleIndex: ruleIndex[f.Rule],
				Level:     sarifLevel(f.Severity),
				Message:   sarifText{withFix(f.Message, f.Fix)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
					ArtifactLocation: loc,
					Region: sarifRegion{
						StartLine:   start.Line,
						StartColumn: start.Column,
						EndLine:     end.Line,
						EndColumn:   end.Column,
					},
				}}},
				Properties: sarifResultProps{Code: f.Code, Status: f.Status, Category: f.Category},
			}
			if file == "" {
				res.Message.Text = strconv.Itoa(start.Line) + ":" + strconv.Itoa(start.Column) + ": " + res.Message.Text
				res.Locations = []sarifLocation{}
			}
			item.Reset()
			err := enc.Encode(res)
			if err != nil {
				return err
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			b.WriteString("\n        ")
			b.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
		}
	}
	if n > 0 {
		b.WriteString("\n      ")
	}
	b.WriteString("],\n")
	b.Write(head.Bytes()[cut+len(marker):])
	return b.Flush()
}

// withFix appends the fix to a message, for formats with one text field.
func withFix(msg, fix string) string {
	if fix == "" {
		return msg
	}
	return msg + " — fix: " + fix
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "none"
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	codes := slices.Clip(r.Codes)
	if codes == nil {
		codes = []string{}
	}
	text, md := ruleHelp(r.Doc, codes)
	return sarifRule{
		ID:                   r.ID,
		Name:                 ruleName(r.ID),
		ShortDescription:     sarifText{r.Doc.Title},
		FullDescription:      sarifText{r.Doc.Text},
		Help:                 sarifHelp{Text: text, Markdown: md},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProps{Codes: codes},
	}
}

// sarifRuleOfFinding describes a rule that is not in the run's rule set
// (the engine's own xlint-ignore) from the catalog entry of its code.
func sarifRuleOfFinding(f *lint.Finding) sarifRule {
	doc := lint.Doc{Title: f.Rule}
	if c, ok := lint.LookupCode(f.Code); ok {
		doc = lint.Doc{Title: firstSentence(c.Why), Text: c.Why, Fix: c.Fix}
	}
	codes := []string{}
	if f.Code != "" {
		codes = []string{f.Code}
	}
	text, md := ruleHelp(doc, codes)
	// The default, as for the rules of Options.Rules, not the severity
	// the config gave this finding.
	severity := f.Severity
	if f.Rule == lint.IgnoreRule {
		severity = lint.Warning
	}
	return sarifRule{
		ID:                   f.Rule,
		Name:                 ruleName(f.Rule),
		ShortDescription:     sarifText{doc.Title},
		FullDescription:      sarifText{cmpOr(doc.Text, doc.Title)},
		Help:                 sarifHelp{Text: text, Markdown: md},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(severity)},
		Properties:           sarifRuleProps{Codes: codes},
	}
}

// ruleHelp renders a rule's documentation, and for each of its codes what
// X answers, as plain text and as Markdown.
func ruleHelp(doc lint.Doc, codes []string) (text, md string) {
	var t, m strings.Builder
	t.WriteString(doc.Title)
	m.WriteString("**" + markdownEscape(doc.Title) + "**")
	if doc.Text != "" && doc.Text != doc.Title {
		t.WriteString("\n\n" + doc.Text)
		m.WriteString("\n\n" + markdownEscape(doc.Text))
	}
	if doc.Fix != "" {
		t.WriteString("\n\nFix: " + doc.Fix)
		m.WriteString("\n\n**Fix:** " + markdownEscape(doc.Fix))
	}
	if len(codes) > 0 {
		t.WriteString("\n\nCodes:")
		m.WriteString("\n\n**Codes:**\n")
		for _, code := range codes {
			c, ok := lint.LookupCode(code)
			if !ok || c.Status == 0 {
				fmt.Fprintf(&t, "\n- %s", code)
				fmt.Fprintf(&m, "\n- %s", markdownCode(code))
				continue
			}
			fmt.Fprintf(&t, "\n- %s: %d %s", c.Code, c.Status, c.Category)
			fmt.Fprintf(&m, "\n- %s: %d %s", markdownCode(c.Code), c.Status, markdownEscape(c.Category))
			if c.Message != "" {
				fmt.Fprintf(&t, "; X says %q", c.Message)
				fmt.Fprintf(&m, "; X says \"%s\"", markdownEscape(c.Message))
			}
		}
	}
	return t.String(), m.String()
}

// markdownEscape keeps text from turning into markup; backticks are left
// alone because the docs use them for code on purpose.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `&lt;`, `>`, `&gt;`, `|`, `\|`)

func markdownEscape(s string) string { return markdownEscaper.Replace(s) }

// markdownCode writes s as inline code with a fence longer than any run
// of backticks inside it.
func markdownCode(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// ruleName is a rule's SARIF name: its id in the "VideoDuration" form
// SARIF viewers expect, or none when that differs from the id only in
// case ("Duplicate"), which SARIF asks to leave out (validator rule
// SARIF1001).
func ruleName(id string) string {
	if name := pascalCase(id); !strings.EqualFold(name, id) {
		return name
	}
	return ""
}

// pascalCase turns a rule id such as "video-duration" into "VideoDuration".
func pascalCase(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		switch {
		case r == '-' || r == '_' || r == ' ':
			up = true
		case up:
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
