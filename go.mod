module github.com/xlint/xlint

go 1.26.0

require (
	github.com/abema/go-mp4 v1.4.1
	github.com/rogpeppe/go-internal v1.16.0
	github.com/spf13/pflag v1.1.0
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/image v0.48.0
	golang.org/x/net v0.62.0
	golang.org/x/sys v0.50.0
	golang.org/x/text v0.44.0
	mvdan.cc/xurls/v2 v2.6.0
)

require (
	github.com/google/uuid v1.1.2 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
