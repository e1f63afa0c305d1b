package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/hostlist"
	"github.com/xlint/xlint/media"
	"github.com/xlint/xlint/twittertext"
)

// Severity says how much a finding matters.
type Severity int

// Severities, in increasing order. Off only appears in configuration.
const (
	Off Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "error", "warning" or "off".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "off", "none":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning or off)", s)
}

// Rule is a check: documentation as data plus one function.
type Rule struct {
	// ID is the stable kebab-case name users configure and ignore.
	ID string
	// Codes are the codes the rule can raise.
	Codes []string
	// Severity is the default severity of its findings.
	Severity Severity
	// Doc documents the rule for `xlint rules`, `xlint explain`, SARIF and
	// the README.
	Doc Doc
	// Batch rules look at the history and at the posts before this one in
	// the run; the engine runs them one post at a time in time order.
	// Only batch rules see the history: the others run in parallel while
	// it grows, and their Env.History is nil.
	Batch bool
	// Credentials rules read Env.Credentials: the config's credentials
	// file is read only when one of them runs.
	Credentials bool
	// Run checks pass.Post and reports through pass.Report. It returns an
	// error only when it could not check.
	Run func(pass *Pass) error
}

// Doc is a rule's documentation.
type Doc struct {
	// Title is one line: what the rule finds.
	Title string
	// Text says why X refuses such posts, in a paragraph.
	Text string
	// Fix is the usual fix, a verb phrase.
	Fix string
}

// Pass is what a rule sees of one post: the post, the facts computed once
// for it, and the run's environment.
type Pass struct {
	Post  *Post
	Facts *Facts
	// Account, Plan and Tier are resolved from the post, its account's
	// configuration and the defaults.
	Account, Plan, Tier string
	// Limits are the configured limits.
	Limits *Limits
	// Config is the run's configuration.
	Config *Config
	// Env holds what the engine loaded once for the run.
	Env *Env

	rule     *Rule
	findings []Finding
	record   history.Record // the post as the history will hold it

	// The current rule's findings start at findings[ruleStart]; past
	// MaxFindingsPerRule of them, groups counts them by code and
	// severity.
	ruleStart int
	groups    []findingGroup
}

// Env is what the engine loads once per run and shares with every rule.
type Env struct {
	// Now is the run's clock: the time posts without `at` are posted.
	Now time.Time
	// History holds what was posted and, during a run, the posts checked
	// before the current one (in time order). Only batch rules (Rule.Batch)
	// see it: the others run while it grows, and for them it is nil.
	History *history.Index
	// Shorteners, Blocked and Allowed are the host lists of the run.
	Shorteners, Blocked, Allowed *hostlist.List
	// Credentials is the state of the configured token; nil when no
	// credentials are configured.
	Credentials *Credentials
}

// Facts are computed once per post and handed to every rule.
type Facts struct {
	// Text is twitter-text's view of the post, with MaxLength as its limit.
	Text      twittertext.Result
	MaxLength int
	URLs      []URL
	Mentions  []twittertext.Entity
	Cashtags  []twittertext.Entity
	// Media has one entry per attached file, in order.
	Media []MediaFact
	// Matches are earlier posts (history and this run) whose text is the
	// same as or close to this post's, inside the duplicate window: for
	// each kind of match, the newest by the post's account and the newest
	// by another (of posts of one time, the one of the smallest source,
	// then id), sorted by kind, then newest first. Set for batch rules
	// only, like Recent and FirstRecent.
	Matches []history.Match
	// Recent counts the matching posts inside
	// Limits.NearDuplicateWindow, and FirstRecent is the oldest of them
	// (ties to the closer kind, then the smaller source and id).
	Recent      int
	FirstRecent history.Match
	// Partial reports that more earlier posts share a fingerprint with
	// this one than a lookup visits (history.MaxVisits): older matches
	// may be missing, and Recent is then a lower bound.
	Partial bool
}

// URL is a link found in the post's text.
type URL struct {
	twittertext.Entity
	// Host is the normalised host: lowercase ASCII, no port or trailing dot.
	Host string
	// Pos is where the link starts in the draft, set by Check after the
	// rules have run.
	Pos Position
}

// MediaFact is what the engine learnt about one attached file.
type MediaFact struct {
	Media
	// Resolved is the file's path as opened (relative to the draft).
	Resolved string
	Info     media.Info
	// Err is why the file could not be probed: errors.Is(Err,
	// fs.ErrNotExist) for a missing file, errors.Is(Err,
	// media.ErrUnsupported) for content of a format it does not read.
	Err error
	// Missing is true when the file does not exist or is not a file.
	Missing bool
}

// Diagnostic is what a rule reports; the engine completes it into a
// Finding with the rule, the code's catalog entry and the severity.
type Diagnostic struct {
	Code    string
	Span    Span
	Message string
	Fix     string
	// Severity overrides the rule's default for this finding (a rule that
	// errors past a limit and warns near it); Off means the default.
	Severity Severity
}

// MaxFindingsPerRule is how many findings of one code and severity one
// rule reports for one post; one more, the first of the rest, says how
// many others it stands for. A post of 16 MB may hold millions of refused
// characters or shortened links: listing each took gigabytes.
const MaxFindingsPerRule = 100

// findingGroup counts a rule's findings of one code and severity for a
// post, once it has MaxFindingsPerRule findings in all.
type findingGroup struct {
	code            string
	severity        Severity
	listed, dropped int
	first           Finding // the first not listed
}

// Report records a finding for the current post.
func (p *Pass) Report(d Diagnostic) {
	if p.findings == nil {
		// Most posts that have a finding have one or two; every post
		// keeps its findings until the report is written.
		p.findings = make([]Finding, 0, 2)
	}
	f := p.complete(d)
	if len(p.findings)-p.ruleStart >= MaxFindingsPerRule {
		// Past the cap of one group, maybe: count the listed findings by
		// group once, then go on counting.
		if p.groups == nil {
			for _, l := range p.findings[p.ruleStart:] {
				p.group(l.Code, l.Severity).listed++
			}
		}
		g := p.group(f.Code, f.Severity)
		if g.listed >= MaxFindingsPerRule {
			if g.dropped == 0 {
				g.first = f
			}
			g.dropped++
			return
		}
		g.listed++
	}
	p.findings = append(p.findings, f)
}

// group returns the current rule's group of findings of code and severity.
func (p *Pass) group(code string, sev Severity) *findingGroup {
	for i := range p.groups {
		if g := &p.groups[i]; g.code == code && g.severity == sev {
			return g
		}
	}
	p.groups = append(p.groups, findingGroup{code: code, severity: sev})
	return &p.groups[len(p.groups)-1]
}

// endRule closes the current rule's findings: of each group's findings
// past MaxFindingsPerRule, the first is kept and counts the others.
func (p *Pass) endRule() {
	for _, g := range p.groups {
		if g.dropped > 0 {
			f := g.first
			if g.dropped > 1 {
				f.Message += fmt.Sprintf(" (and %d more like it, not listed)", g.dropped-1)
			}
			p.findings = append(p.findings, f)
		}
	}
	p.ruleStart, p.groups = len(p.findings), nil
}

// Reportf reports a finding over span with a formatted message.
func (p *Pass) Reportf(code string, span Span, fix, format string, args ...any) {
	p.Report(Diagnostic{Code: code, Span: span, Fix: fix, Message: fmt.Sprintf(format, args...)})
}

func (p *Pass) complete(d Diagnostic) Finding {
	f := Finding{
		Rule:     p.rule.ID,
		Code:     d.Code,
		Severity: p.rule.Severity,
		Message:  d.Message,
		Fix:      d.Fix,
		Span:     d.Span,
	}
	if d.Severity != Off {
		f.Severity = d.Severity
	}
	if f.Fix == "" {
		f.Fix = p.rule.Doc.Fix
	}
	if c, ok := lookupCode(d.Code); ok {
		f.Code, f.Status, f.Category = c.Code, c.Status, c.Category
		if f.Fix == "" {
			f.Fix = c.Fix
		}
	}
	if p.Config != nil {
		if rc, ok := p.Config.Rules[p.rule.ID]; ok && rc.Severity != Off && d.Severity == Off {
			f.Severity = rc.Severity
		}
	}
	return f
}

// FirstLine is the span of the post's first line of text, where findings
// about the whole post (its account, its timing) point.
func (p *Post) FirstLine() Span {
	end := strings.IndexByte(p.Text, '\n')
	if end < 0 {
		end = len(p.Text)
	}
	return p.TextSpan(0, end)
}
