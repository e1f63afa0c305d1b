package output

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// CommandFormats are the formats of the commands other than check.
var CommandFormats = []string{"text", "json"}

func checkCommandFormat(format string) (json bool, err error) {
	switch format {
	case "text", "":
		return false, nil
	case "json":
		return true, nil
	}
	return false, fmt.Errorf("unknown format %q (want %s)", format, orList(CommandFormats))
}

// RulesDoc is the JSON document of `xlint rules --format json`.
type RulesDoc struct {
	Version int        `json:"version"`
	Rules   []RuleInfo `json:"rules"`
}

// RuleInfo documents one rule.
type RuleInfo struct {
	ID       string   `json:"id"`
	Codes    []string `json:"codes"`
	Severity string   `json:"severity"`
	Title    string   `json:"title"`
	Doc      string   `json:"doc"`
}

// Rules prints every rule: in text a table of id, codes, default severity
// and title; in JSON a RulesDoc. Rules are printed in the order given;
// nil entries are skipped.
func Rules(w io.Writer, format string, rules []*lint.Rule) error {
	asJSON, err := checkCommandFormat(format)
	if err != nil {
		return err
	}
	rules = slices.DeleteFunc(slices.Clone(rules), func(r *lint.Rule) bool { return r == nil })
	if asJSON {
		doc := RulesDoc{Version: JSONVersion, Rules: make([]RuleInfo, len(rules))}
		for i, r := range rules {
			codes := r.Codes
			if codes == nil {
				codes = []string{}
			}
			doc.Rules[i] = RuleInfo{ID: r.ID, Codes: codes, Severity: r.Severity.String(), Title: r.Doc.Title, Doc: r.Doc.Text}
		}
		return encodeJSON(w, doc)
	}
	b := newBuffered(w)
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tCODES (X STATUS)\tSEVERITY\tTITLE")
	for _, r := range rules {
		codes := make([]string, len(r.Codes))
		for i, code := range r.Codes {
			codes[i] = code
			if c, ok := lint.LookupCode(code); ok {
				codes[i] = c.Code + " (" + strconv.Itoa(c.Status) + ")"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, strings.Join(codes, ", "), r.Severity, oneLine(r.Doc.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return b.Flush()
}

// ExplainDoc is the JSON document of `xlint explain --format json`.
type ExplainDoc struct {
	Version int        `json:"version"`
	Codes   []CodeInfo `json:"codes"`
}

// CodeInfo is one catalog entry with the rules that raise it.
type CodeInfo struct {
	Code     string   `json:"code"`
	Status   int      `json:"status"`
	Category string   `json:"category"`
	Aliases  []string `json:"aliases"`
	// Rules are the ids of the rules whose codes contain Code.
	Rules []string `json:"rules"`
	// Message is what X's response says, where known.
	Message string `json:"message"`
	Why     string `json:"why"`
	Fix     string `json:"fix"`
}

// Explain prints catalog entries: in text one paragraph block per code,
// in JSON an ExplainDoc. rules are searched for the rules raising each
// code. Nil entries, of codes or rules, are skipped.
func Explain(w io.Writer, format string, codes []*lint.Code, rules []*lint.Rule) error {
	asJSON, err := checkCommandFormat(format)
	if err != nil {
		return err
	}
	infos := make([]CodeInfo, 0, len(codes))
	for _, c := range codes {
		if c == nil { // a rule's code missing from the catalog
			continue
		}
		infos = append(infos, CodeInfo{
			Code: c.Code, Status: c.Status, Category: c.Category,
			Aliases: []string{}, Rules: []string{},
			Message: c.Message, Why: c.Why, Fix: c.Fix,
		})
		info := &infos[len(infos)-1]
		info.Aliases = append(info.Aliases, c.Aliases...)
		for _, r := range rules {
			if r != nil && slices.Contains(r.Codes, c.Code) {
				info.Rules = append(info.Rules, r.ID)
			}
		}
	}
	if asJSON {
		return encodeJSON(w, ExplainDoc{Version: JSONVersion, Codes: infos})
	}
	b := newBuffered(w)
	for i, c := range infos {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(c.Code)
		if c.Status != 0 {
			fmt.Fprintf(b, " (%d %s)", c.Status, c.Category)
		}
		b.WriteString("\n")
		if c.Message != "" {
			fmt.Fprintf(b, "  X says: %s\n", oneLine(c.Message))
		}
		if len(c.Aliases) > 0 {
			fmt.Fprintf(b, "  aliases: %s\n", strings.Join(c.Aliases, ", "))
		}
		if len(c.Rules) > 0 {
			fmt.Fprintf(b, "  rules: %s\n", strings.Join(c.Rules, ", "))
		}
		if c.Why != "" {
			fmt.Fprintf(b, "\n  Why: %s\n", oneLine(c.Why))
		}
		if c.Fix != "" {
			fmt.Fprintf(b, "  Fix: %s\n", oneLine(c.Fix))
		}
	}
	return b.Flush()
}

// ProbeItem is one file given to `xlint probe` and what probing it gave.
type ProbeItem struct {
	Path string
	Info media.Info
	// Err is why the file could not be probed.
	Err error
}

// ProbeDoc is the JSON document of `xlint probe --format json`.
type ProbeDoc struct {
	Version int          `json:"version"`
	Media   []MediaFacts `json:"media"`
}

// Probe prints media facts: in text one line per file with its facts or
// its error, in JSON a ProbeDoc whose entries leave out empty facts.
func Probe(w io.Writer, format string, items []ProbeItem) error {
	asJSON, err := checkCommandFormat(format)
	if err != nil {
		return err
	}
	if asJSON {
		doc := ProbeDoc{Version: JSONVersion, Media: make([]MediaFacts, len(items))}
		for i, it := range items {
			doc.Media[i] = mediaFacts(it.Path, it.Info, it.Err)
		}
		return encodeJSON(w, doc)
	}
	b := newBuffered(w)
	for _, it := range items {
		b.WriteString(it.Path)
		b.WriteString(": ")
		if it.Err != nil {
			b.WriteString("error: ")
			b.WriteString(oneLine(it.Err.Error()))
			b.WriteByte('\n')
			continue
		}
		b.WriteString(strings.Join(probeFacts(mediaFacts(it.Path, it.Info, nil)), ", "))
		b.WriteByte('\n')
	}
	return b.Flush()
}

// probeFacts lists a file's facts for the text format, skipping the
// empty ones as the JSON does.
func probeFacts(m MediaFacts) []string {
	facts := []string{m.Kind}
	add := func(ok bool, s string) {
		if ok {
			facts = append(facts, s)
		}
	}
	add(m.Container != "", m.Container)
	if m.DurationSeconds != nil {
		add(true, strconv.FormatFloat(*m.DurationSeconds, 'f', -1, 64)+" s")
	}
	add(m.Width != 0 || m.Height != 0, fmt.Sprintf("%dx%d", m.Width, m.Height))
	add(m.FPS != 0, strconv.FormatFloat(m.FPS, 'f', -1, 64)+" fps")
	add(m.VideoCodec != "", m.VideoCodec)
	add(m.AudioCodec != "", m.AudioCodec)
	add(m.SizeBytes != 0, strconv.FormatInt(m.SizeBytes, 10)+" bytes")
	add(m.Fragmented, "fragmented")
	return facts
}

// StatsDoc is the JSON document of `xlint history stats --format json`.
type StatsDoc struct {
	Version  int            `json:"version"`
	Accounts []AccountCount `json:"accounts"`
}

// AccountCount is one account's recorded posts; First and Last are RFC
// 3339 times in UTC, null when unknown.
type AccountCount struct {
	Account string  `json:"account"`
	Posts   int     `json:"posts"`
	First   *string `json:"first"`
	Last    *string `json:"last"`
}

// Stats prints the history's counts per account, in the order given: in
// text a table, in JSON a StatsDoc.
func Stats(w io.Writer, format string, stats []history.AccountStats) error {
	asJSON, err := checkCommandFormat(format)
	if err != nil {
		return err
	}
	if asJSON {
		doc := StatsDoc{Version: JSONVersion, Accounts: make([]AccountCount, len(stats))}
		for i, s := range stats {
			doc.Accounts[i] = AccountCount{Account: s.Account, Posts: s.Posts, First: rfc3339(s.First), Last: rfc3339(s.Last)}
		}
		return encodeJSON(w, doc)
	}
	b := newBuffered(w)
	if len(stats) == 0 {
		b.WriteString("no posts recorded\n")
		return b.Flush()
	}
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tPOSTS\tFIRST\tLAST")
	for _, s := range stats {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", displayAccount(s.Account), s.Posts, textTime(s.First), textTime(s.Last))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return b.Flush()
}

func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func textTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// displayAccount names the posts recorded without an account.
func displayAccount(a string) string {
	if a == "" {
		return "(none)"
	}
	return a
}
