package main

import (
	"github.com/xlint/xlint/media"
	"github.com/xlint/xlint/output"
)

func (e *env) probe(args []string) int {
	fs := e.flags("probe", "[--format text|json] FILE...")
	format := formatFlag(fs, output.CommandFormats...)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		e.errorf("probe: name at least one file")
		return exitError
	}
	items := make([]output.ProbeItem, fs.NArg())
	code := exitOK
	for i, path := range fs.Args() {
		info, err := media.Probe(path)
		items[i] = output.ProbeItem{Path: path, Info: info, Err: err}
		if err != nil {
			code = exitError
		}
	}
	if err := output.Probe(e.stdout, *format, items); err != nil {
		e.errorf("%v", err)
		return exitError
	}
	return code
}
