package hostlist_test

import (
	"fmt"

	"github.com/xlint/xlint/hostlist"
)

func ExampleList_Match() {
	var shorteners hostlist.List
	for _, h := range hostlist.Shorteners() {
		if err := shorteners.Add(h); err != nil {
			panic(err)
		}
	}
	for _, url := range []string{"https://bit.ly/3xyz", "http://go.bit.ly/x", "https://youtu.be/dQw4w9WgXcQ", "https://example.com/"} {
		host, err := hostlist.HostOf(url)
		if err != nil {
			panic(err)
		}
		entry, ok := shorteners.Match(host)
		fmt.Println(host, entry, ok)
	}
	// Output:
	// bit.ly bit.ly true
	// go.bit.ly bit.ly true
	// youtu.be  false
	// example.com  false
}
