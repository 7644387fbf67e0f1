package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Configuration: a setting comes from, in order of precedence, its flag,
// GEOPARSE_<NAME> (dashes as underscores), the config file, the flag's
// default. Config files and the environment are read strictly: a key of
// the config file that no command has is an error, and so is a value its
// flag would not take (workers: two), each named with where it came from.

// configNames are the config files looked for, in order, in each config
// folder.
var configNames = []string{"geoparse.yaml", "geoparse.yml", "geoparse.toml", "geoparse.json"}

// configDirs are the folders searched when --config is not given.
func configDirs() []string {
	dirs := []string{"."}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".config", "geoparse"))
	}
	return dirs
}

// findConfig returns the config file to read: --config, else the first
// of configNames in the first folder that has one. It warns when that
// folder holds several, since only one is read.
func (a *app) findConfig() string {
	if a.configFile != "" {
		return a.configFile
	}
	for _, dir := range configDirs() {
		var found []string
		for _, name := range configNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				found = append(found, p)
			}
		}
		if len(found) > 1 {
			fmt.Fprintf(a.stderr, "geoparse: using config %s; ignoring %s\n", found[0], strings.Join(found[1:], ", "))
		}
		if len(found) > 0 {
			return found[0]
		}
	}
	return ""
}

// loadConfig reads the config file and the environment into cmd's flags
// and binds them to a.v.
func (a *app) loadConfig(cmd *cobra.Command) error {
	v := a.v
	v.SetEnvPrefix("GEOPARSE")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_", ".", "_"))
	v.AutomaticEnv()
	file := a.findConfig()
	if file != "" {
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return fmt.Errorf("config %s: %w", file, err)
		}
		if err := checkConfigKeys(cmd.Root(), v, file); err != nil {
			return err
		}
	}
	var errs []error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "config" || f.Name == "help" || f.Name == "version" {
			return
		}
		if err := a.applySetting(f, file); err != nil {
			errs = append(errs, err)
		}
		if err := v.BindPFlag(f.Name, f); err != nil {
			errs = append(errs, err)
		}
	})
	return errors.Join(errs...)
}

// applySetting gives flag f the value of GEOPARSE_<NAME> or of the config
// file when the command line did not set it, parsed as the flag parses
// it, so a bad value is an error naming its source.
func (a *app) applySetting(f *pflag.Flag, file string) error {
	if f.Changed {
		return nil
	}
	env := "GEOPARSE_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(f.Name))
	var value, source string
	if s, ok := os.LookupEnv(env); ok {
		value, source = s, env
	} else if file != "" && a.v.InConfig(f.Name) {
		value, source = configString(a.v.Get(f.Name)), fmt.Sprintf("%s in %s", f.Name, file)
	} else {
		return nil
	}
	if err := f.Value.Set(value); err != nil {
		return fmt.Errorf("%s: %q is not %s", source, value, typeName(f.Value.Type()))
	}
	a.sources[f.Name] = source
	return nil
}

// typeName says in words what a pflag value type takes.
func typeName(t string) string {
	switch t {
	case "int", "int64", "uint":
		return "a whole number"
	case "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "duration":
		return "a duration such as 30s or 2m"
	}
	return "a valid " + t
}

// setting names where the value of flag name came from, for messages:
// "--name", "GEOPARSE_NAME" or "name in FILE".
func (a *app) setting(name string) string {
	if s, ok := a.sources[name]; ok {
		return s
	}
	return "--" + name
}

// checkConfigKeys reports the keys of the config file that no command
// takes: a typo (formt) would otherwise be ignored without a word.
func checkConfigKeys(root *cobra.Command, v *viper.Viper, file string) error {
	known := map[string]bool{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	var unknown []string
	for _, k := range v.AllKeys() {
		if !known[k] && v.InConfig(k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return fmt.Errorf("config %s: unknown key %s (the keys are the flags' long names, such as format or workers)", file, strings.Join(quoteAll(unknown), ", "))
}

func quoteAll(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return q
}

// configString turns a config file value into the text its flag parses:
// lists are joined by commas, and a date that YAML or TOML read as a
// timestamp is written back as YYYY-MM-DD.
func configString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		return x.Format("2006-01-02")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = configString(e)
		}
		return strings.Join(parts, ",")
	case []string:
		return strings.Join(x, ",")
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
