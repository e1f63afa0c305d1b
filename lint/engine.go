package lint

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/hostlist"
	"github.com/xlint/xlint/internal/regular"
	"github.com/xlint/xlint/media"
	"github.com/xlint/xlint/twittertext"
)

// Options are what a run needs beyond the config and the rules.
type Options struct {
	// Now is the run's clock; the zero time means the time of each Check
	// (time.Now() as it starts), so a long-lived engine keeps up.
	Now time.Time
	// History is what was posted before; nil means an empty history.
	// Check adds the run's posts to it, in memory only, so engines that
	// check at the same time need an Index each.
	History *history.Index
	// ShortenerFiles and BlocklistFiles are extra host lists (one host a
	// line), added to the config's.
	ShortenerFiles, BlocklistFiles []string
	// Probe reads a media file's facts; nil means media.Probe.
	Probe func(path string) (media.Info, error)
}

// Engine runs rules over posts. Make one with NewEngine; it is not safe for
// concurrent Check calls.
type Engine struct {
	config *Config
	rules  []*Rule
	env    Env // what batch rules see
	// postEnv is env without the history, for the rules that see one
	// post alone: they run in parallel with the additions to it.
	postEnv Env
	probe   func(string) (media.Info, error)
	now     time.Time // Options.Now: zero for the time of each Check
}

// NewEngine prepares a run: it loads the host lists and the credentials
// the config names. Errors are configuration errors (*ConfigError, as
// ParseConfig's): a config built in Go is checked for unknown plans and
// tiers like a file.
func NewEngine(cfg *Config, rules []*Rule, opt Options) (*Engine, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if err := cfg.checkPlanTiers(); err != nil {
		return nil, &ConfigError{cfg.File, err}
	}
	if cfg.Limits == (Limits{}) {
		// A Config built in Go rather than parsed: every limit 0 would
		// refuse every post. The caller's Config is left as it is.
		c := *cfg
		c.Limits = DefaultLimits()
		cfg = &c
	}
	e := &Engine{config: cfg, probe: opt.Probe}
	if e.probe == nil {
		e.probe = media.Probe
	}
	for _, r := range rules {
		if rc, ok := cfg.Rules[r.ID]; ok && rc.Disabled {
			continue
		}
		e.rules = append(e.rules, r)
	}
	if err := e.checkRuleConfig(rules); err != nil {
		return nil, err
	}
	e.now = opt.Now
	e.env.History = opt.History
	if e.env.History == nil {
		e.env.History = history.NewIndex()
	}
	var err error
	if e.env.Shorteners, err = buildList("urls.shorteners", hostlist.Shorteners(), cfg.URLs.Shorteners, cfg.resolveAll(cfg.URLs.Lists), opt.ShortenerFiles); err != nil {
		return nil, &ConfigError{cfg.File, err}
	}
	if e.env.Blocked, err = buildList("urls.block", nil, cfg.URLs.Block, nil, opt.BlocklistFiles); err != nil {
		return nil, &ConfigError{cfg.File, err}
	}
	if e.env.Allowed, err = buildList("urls.allow", nil, cfg.URLs.Allow, nil, nil); err != nil {
		return nil, &ConfigError{cfg.File, err}
	}
	// With the auth rules off, the file is not needed, broken or not.
	if cfg.Credentials != "" && slices.ContainsFunc(e.rules, func(r *Rule) bool { return r.Credentials }) {
		if e.env.Credentials, err = LoadCredentials(cfg.Path(cfg.Credentials)); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// SetHistory replaces the history Options gave (nil: an empty one), for a
// caller that loads it once it knows the posts' times, from
// Config.HistoryFrom on (history.LoadSince). Call it before Check.
func (e *Engine) SetHistory(ix *history.Index) {
	if ix == nil {
		ix = history.NewIndex()
	}
	e.env.History = ix
}

func (e *Engine) checkRuleConfig(rules []*Rule) error {
	// In order, so that of several unknown ids the same one is named.
	for _, id := range slices.Sorted(maps.Keys(e.config.Rules)) {
		if id != IgnoreRule && !slices.ContainsFunc(rules, func(r *Rule) bool { return r.ID == id }) {
			return &ConfigError{e.config.File, e.config.errorAt([]string{"rules", id}, "rules: unknown rule %q", id)}
		}
	}
	return nil
}

func (c *Config) resolveAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = c.Path(p)
	}
	return out
}

// buildList makes a host list of the built-in hosts, the config's (under
// key) and the files'; errors name the key or the file.
func buildList(key string, builtin, hosts, files, moreFiles []string) (*hostlist.List, error) {
	l := new(hostlist.List)
	for _, h := range builtin {
		if err := l.Add(h); err != nil {
			return nil, err
		}
	}
	for _, h := range hosts {
		if err := l.Add(h); err != nil {
			return nil, fmt.Errorf("%s: %v", key, err)
		}
	}
	for _, name := range append(slices.Clip(files), moreFiles...) {
		f, _, err := regular.Open(name)
		if err != nil {
			return nil, err
		}
		hosts, err := hostlist.ReadList(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		for _, h := range hosts {
			if err := l.Add(h); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	return l, nil
}

// Check runs the rules over posts and returns one result per post, in the
// order given. Posts are also checked against each other: the ones posted
// earlier (by At, then by order) count as history for the later ones, and
// they stay in the engine's history afterwards (but for those X would
// refuse for a usage cap, which are never published). Check sets a post's
// At to the engine's clock (Options.Now, or the time Check starts), and
// its Source to its own text, where they are unset.
func (e *Engine) Check(posts []*Post) []Result {
	e.env.Now = e.now
	if e.env.Now.IsZero() {
		e.env.Now = time.Now()
	}
	e.postEnv = e.env
	e.postEnv.History = nil
	results := make([]Result, len(posts))
	passes := make([]*Pass, len(posts))
	// One allocation for all passes and one for all facts, not two a post.
	passMem, factsMem := make([]Pass, len(posts)), make([]Facts, len(posts))
	for _, p := range posts {
		if p.Source == nil {
			p.Source = NewSource(p.File, []byte(p.Text))
		}
		if p.At.IsZero() {
			p.At = e.env.Now
		}
	}
	// In blocks, on every processor: this loop is the first to write most
	// of that memory, a page fault a page. (It leaves the posts alone: a
	// caller may pass one post twice.)
	parallel(len(posts), 1024, func(i int) {
		p := posts[i]
		if !history.Recordable(p.At) {
			results[i].Err = fmt.Errorf("%spost time %s is outside the years 1678 to 2261: not checked against the history", filePrefix(p), p.At.Format(time.RFC3339))
		}
		// Drafts and configs are checked for these as they are read; a
		// post built in Go is checked here.
		for _, v := range planTier(p.Plan, p.Tier) {
			if msg := v.unknown(); msg != "" {
				results[i].Err = errors.Join(results[i].Err, fmt.Errorf("%s%s: checked as %s", filePrefix(p), msg, v.known[0]))
			}
		}
		passes[i] = &passMem[i]
		e.initPass(passes[i], &factsMem[i], p)
		results[i].Post = p
		results[i].Facts = passes[i].Facts
		results[i].Account, results[i].Plan, results[i].Tier = passes[i].Account, passes[i].Plan, passes[i].Tier
	})

	// The rules that look at the history and the run's earlier posts see
	// one post at a time in time order (by At, then as given).
	order := make([]int, len(posts))
	for i := range order {
		order[i] = i
	}
	byAt := func(a, b int) int { return posts[a].At.Compare(posts[b].At) }
	if !slices.IsSortedFunc(order, byAt) { // a run's posts are often of one time
		slices.SortStableFunc(order, byAt)
	}

	// Facts and the rules that look at one post alone run in parallel,
	// taking posts in that order; the time-ordered rules follow right
	// behind them on this goroutine, each post as soon as its facts are
	// ready, so that their serial work overlaps the parallel work.
	probes := newProbeCache(e.probe)
	// ready[i] is set once post i's facts are; a worker that sets one
	// wakes the time-ordered loop, which waits for the post it needs.
	// (A channel a post cost 96 bytes and a closing each.)
	ready := make([]atomic.Bool, len(posts))
	wake := make(chan struct{}, 1)
	factsDone := make(chan struct{})
	go func() {
		defer close(factsDone)
		parallel(len(order), 1, func(k int) {
			i := order[k]
			pass := passes[i]
			e.computeFacts(pass, probes)
			for _, r := range e.rules {
				if !r.Batch {
					results[i].Err = errors.Join(results[i].Err, e.run(r, pass))
				}
			}
			ready[i].Store(true)
			select {
			case wake <- struct{}{}:
			default: // a wake-up is pending already
			}
		})
	}()
	window := e.config.WindowOrDefault()
	for _, i := range order {
		for !ready[i].Load() {
			<-wake
		}
		pass := passes[i]
		if !history.Recordable(pass.Post.At) {
			// The history would clamp its time; it has an error instead.
			continue
		}
		e.findMatches(pass, window)
		for _, r := range e.rules {
			if r.Batch {
				results[i].Err = errors.Join(results[i].Err, e.run(r, pass))
			}
		}
		if !rateLimited(pass) {
			e.env.History.Add(pass.record)
		}
	}
	<-factsDone

	e.applyIgnores(passes)
	parallel(len(passes), 256, func(i int) {
		pass := passes[i]
		findings := pass.findings
		pass.Post.positions(findings, pass.Facts.URLs)
		SortFindings(findings)
		results[i].Findings = findings
		results[i].Prediction = Predict(findings)
	})
	return results
}

// rateLimited reports whether a post's findings say X would refuse it for
// a usage cap. Such a post is not published: it takes no place under the
// caps of the run's later posts, and is nobody's duplicate. A post refused
// for its content still counts, as it is posted once fixed; so does one
// whose cap finding the user made a warning or ignores, expecting it to
// go through.
func rateLimited(pass *Pass) bool {
	for _, f := range pass.findings {
		if f.Category == RateLimit && f.Severity == Error &&
			!slices.ContainsFunc(pass.Post.Ignores, func(ig Ignore) bool { return ig.Rule == f.Rule }) {
			return true
		}
	}
	return false
}

// parallel calls fn(i) for every i below n, on as many goroutines as
// there are processors, each taking the next block of consecutive
// indices in turn, so that indices are begun in increasing order.
func parallel(n, block int, fn func(i int)) {
	var next atomic.Int64 // the end of the last block taken
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (n+block-1)/block) {
		wg.Go(func() {
			for {
				hi := int(next.Add(int64(block)))
				if hi-block >= n {
					return
				}
				for i := hi - block; i < min(hi, n); i++ {
					fn(i)
				}
			}
		})
	}
	wg.Wait()
}

func (e *Engine) initPass(pass *Pass, facts *Facts, p *Post) {
	// The history keeps accounts without "@"; "@acme" and "acme" are one.
	account := strings.TrimPrefix(cmp.Or(p.Account, e.config.Account), "@")
	plan, tier := e.config.PlanTier(account, p.Plan, p.Tier)
	*pass = Pass{
		Post:    p,
		Facts:   facts,
		Account: account,
		Plan:    plan,
		Tier:    tier,
		Limits:  &e.config.Limits,
		Config:  e.config,
		Env:     &e.postEnv,
	}
}

// run calls one rule, turning a panic into an error so that one broken
// rule cannot take the run down.
func (e *Engine) run(r *Rule, pass *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%srule %s failed: %v", filePrefix(pass.Post), r.ID, v)
		}
	}()
	pass.rule = r
	pass.Env = &e.postEnv
	if r.Batch {
		pass.Env = &e.env
	}
	pass.ruleStart = len(pass.findings)
	defer pass.endRule()
	if err := r.Run(pass); err != nil {
		return fmt.Errorf("%srule %s: %w", filePrefix(pass.Post), r.ID, err)
	}
	return nil
}

// filePrefix is "FILE: ", which starts the errors of a post, or "" for a
// post without a file (built in code).
func filePrefix(p *Post) string {
	if p.File == "" {
		return ""
	}
	return p.File + ": "
}

func (e *Engine) computeFacts(pass *Pass, probes *probeCache) {
	p, f := pass.Post, pass.Facts
	cfg := *twittertext.V3 // a copy on the stack; DefaultConfig allocates one
	cfg.MaxWeightedTweetLength = pass.Limits.MaxTextLength(pass.Plan)
	f.MaxLength = cfg.MaxWeightedTweetLength
	f.Text = twittertext.Parse(p.Text, &cfg)
	f.URLs = make([]URL, len(f.Text.URLs))
	for i, u := range f.Text.URLs {
		// A host that does not normalise still matches the lists by its
		// parent domains: X links it all the same.
		f.URLs[i] = URL{Entity: u, Host: hostlist.LenientHostOf(u.Text)}
	}
	f.Mentions = twittertext.ExtractMentions(p.Text)
	f.Cashtags = twittertext.ExtractCashtags(p.Text)
	// The post's history record, fingerprints and all, is made here in
	// parallel; the time-ordered phase only looks it up and adds it.
	pass.record = history.NewRecord(p.At, pass.Account, "", p.File, p.Text, false)
	f.Media = make([]MediaFact, len(p.Media))
	for i, m := range p.Media {
		f.Media[i] = probes.get(m, resolveMedia(p.File, m.Path))
	}
}

// resolveMedia makes a media path relative to the draft's folder.
func resolveMedia(draft, path string) string {
	if filepath.IsAbs(path) || draft == "" || draft == "-" {
		return path
	}
	return filepath.Join(filepath.Dir(draft), path)
}

// probeCache probes each file once per run, however many posts attach it.
type probeCache struct {
	probe func(string) (media.Info, error)
	mu    sync.Mutex
	done  map[string]*probeEntry
}

type probeEntry struct {
	once    sync.Once
	info    media.Info
	err     error
	missing bool
}

func newProbeCache(probe func(string) (media.Info, error)) *probeCache {
	return &probeCache{probe: probe, done: make(map[string]*probeEntry)}
}

func (c *probeCache) get(m Media, path string) MediaFact {
	c.mu.Lock()
	e, ok := c.done[path]
	if !ok {
		e = new(probeEntry)
		c.done[path] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		fi, err := os.Stat(path)
		switch {
		case err != nil:
			e.missing, e.err = true, err
			var pe *fs.PathError
			if errors.As(err, &pe) {
				e.err = pe.Err
			}
		case !fi.Mode().IsRegular():
			e.missing, e.err = true, errors.New("not a regular file")
		default:
			e.info, e.err = c.probe(path)
		}
	})
	return MediaFact{Media: m, Resolved: path, Info: e.info, Err: e.err, Missing: e.missing}
}

// IgnoreRule is the rule id of the findings about xlint-ignore directives
// themselves (no reason, or matching nothing): warnings, unless rules: in
// the config sets them like a rule's.
const IgnoreRule = "xlint-ignore"

// applyIgnores drops the findings a draft's xlint-ignore directives name,
// and reports directives without a reason or that hide nothing, as
// warnings unless the config says otherwise. A thread's posts share their
// file's directives, so a directive is judged once per file, and reported
// on the first post that carries it.
func (e *Engine) applyIgnores(passes []*Pass) {
	severity := Warning
	if rc, ok := e.config.Rules[IgnoreRule]; ok {
		if rc.Disabled {
			severity = Off
		} else if rc.Severity != Off {
			severity = rc.Severity
		}
	}
	type key struct {
		src  *Source
		span Span
		rule string
	}
	used := make(map[key]bool)
	owner := make(map[key]int)
	for i, pass := range passes {
		p := pass.Post
		if len(p.Ignores) == 0 {
			continue
		}
		for _, ig := range p.Ignores {
			if _, ok := owner[key{p.Source, ig.Span, ig.Rule}]; !ok {
				owner[key{p.Source, ig.Span, ig.Rule}] = i
			}
		}
		kept := pass.findings[:0]
		for _, f := range pass.findings {
			j := slices.IndexFunc(p.Ignores, func(ig Ignore) bool { return ig.Rule == f.Rule })
			if j < 0 {
				kept = append(kept, f)
				continue
			}
			used[key{p.Source, p.Ignores[j].Span, p.Ignores[j].Rule}] = true
		}
		pass.findings = kept
	}
	for i, pass := range passes {
		if severity == Off {
			break
		}
		for _, ig := range pass.Post.Ignores {
			k := key{pass.Post.Source, ig.Span, ig.Rule}
			if owner[k] != i {
				continue
			}
			f := Finding{Rule: IgnoreRule, Code: IgnoreRule, Category: "xlint", Severity: severity, Span: ig.Span}
			switch {
			case ig.Reason == "":
				f.Message = fmt.Sprintf("xlint-ignore of %s has no reason", ig.Rule)
				f.Fix = "say why the finding does not apply in `reason`"
			case !used[k]:
				f.Message = fmt.Sprintf("xlint-ignore of %s matches no finding", ig.Rule)
				f.Fix = "delete the unused ignore"
			default:
				continue
			}
			pass.findings = append(pass.findings, f)
		}
	}
}
