package output

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/xlint/xlint/lint"
)

// Options tune the printers of check results.
type Options struct {
	// Color turns on ANSI colour in text output; the CLI sets it on a
	// terminal without NO_COLOR. The other formats never use colour.
	Color bool
	// Version is xlint's version, reported as SARIF tool.driver.version.
	Version string
	// Root is the absolute folder SARIF URIs and GitHub file names are
	// made relative to (the repository root). Files outside it keep their
	// path as given; empty means no folder is known.
	Root string
	// Rules are every rule of the run, for SARIF tool.driver.rules; nil
	// entries are skipped.
	Rules []*lint.Rule
	// Errors are what kept the run from checking everything: drafts that
	// could not be read, rules that failed on a post. The CLI prints them
	// on stderr; SARIF also reports them, as the run's tool execution
	// notifications, so that code scanning shows them.
	Errors []RunError
}

// RunError is one such error: the file and line it concerns (0 when
// unknown; File is empty when it names no file) and what went wrong.
type RunError struct {
	File string
	Line int
	Msg  string
}

// Formats are the formats Write accepts, the default first.
var Formats = []string{"text", "json", "sarif", "github"}

// Write prints results in the named format.
func Write(w io.Writer, format string, results []lint.Result, o Options) error {
	switch format {
	case "text", "":
		return Text(w, results, o)
	case "json":
		return JSON(w, results, o)
	case "sarif":
		return SARIF(w, results, o)
	case "github":
		return GitHub(w, results, o)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, orList(Formats))
}

// Summary counts what a run found.
type Summary struct{ Posts, Errors, Warnings int }

// Summarize counts the posts and the findings of each severity.
func Summarize(results []lint.Result) Summary {
	s := Summary{Posts: len(results)}
	for i := range results {
		for j := range results[i].Findings {
			switch results[i].Findings[j].Severity {
			case lint.Error:
				s.Errors++
			case lint.Warning:
				s.Warnings++
			}
		}
	}
	return s
}

// String is the summary line of the text and github formats, such as
// "2 posts checked: 1 error, 1 warning" or "1 post checked: no problems".
func (s Summary) String() string {
	head := plural(s.Posts, "post") + " checked: "
	if s.Errors == 0 && s.Warnings == 0 {
		return head + "no problems"
	}
	return head + plural(s.Errors, "error") + ", " + plural(s.Warnings, "warning")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// buffered wraps w so that printers make one write call per few KiB
// instead of one per line, and reports the first write error at the end.
type buffered struct {
	*bufio.Writer
}

func newBuffered(w io.Writer) buffered {
	if bw, ok := w.(*bufio.Writer); ok {
		return buffered{bw}
	}
	return buffered{bufio.NewWriterSize(w, 32<<10)}
}

// positions returns a finding's start and end, computing them from its
// span when the caller left them unset (results built by hand).
func positions(r *lint.Result, f *lint.Finding) (start, end lint.Position) {
	start, end = f.Start, f.End
	if start.Line == 0 && r.Post != nil {
		start = r.Post.Position(f.Span.Start)
		end = r.Post.Position(f.Span.End)
	}
	if end.Line == 0 {
		end = start
	}
	return start, end
}

// fileOf is the draft's file as the user named it; posts built in code
// have none.
func fileOf(r *lint.Result) string {
	if r.Post == nil {
		return ""
	}
	return r.Post.File
}

// inOrder writes encode(buf, i) for every i below n to b, in order. Large
// runs are encoded in blocks of posts on as many goroutines as there are
// processors, a bounded number of blocks ahead of the writer, so that the
// output of 50,000 posts does not wait on one processor.
func inOrder(b buffered, n int, encode func(buf []byte, i int) []byte) {
	const blockPosts = 128
	procs := runtime.GOMAXPROCS(0)
	if procs == 1 || n <= blockPosts {
		var buf []byte
		for i := range n {
			buf = encode(buf[:0], i)
			b.Write(buf)
		}
		return
	}
	type block struct {
		lo, hi int
		buf    []byte
		done   chan struct{}
	}
	// Blocks in order, for the writer; their buffers are reused once
	// written, so a run allocates only as many as are in flight.
	queue := make(chan *block, 2*procs)
	free := make(chan []byte, 3*procs+1)
	work := make(chan *block)
	var wg sync.WaitGroup
	for range procs {
		wg.Go(func() {
			for bl := range work {
				for i := bl.lo; i < bl.hi; i++ {
					bl.buf = encode(bl.buf, i)
				}
				close(bl.done)
			}
		})
	}
	go func() {
		for lo := 0; lo < n; lo += blockPosts {
			bl := &block{lo: lo, hi: min(lo+blockPosts, n), done: make(chan struct{})}
			select {
			case bl.buf = <-free:
			default:
			}
			queue <- bl
			work <- bl
		}
		close(queue)
		close(work)
	}()
	for bl := range queue {
		<-bl.done
		b.Write(bl.buf)
		select {
		case free <- bl.buf[:0]:
		default:
		}
	}
	wg.Wait()
}
