#!/usr/bin/env bash
# Writes the bash completion of dacl to stdout, from the help texts that cli-docs.sh collected:
#   packaging/completion.sh HELPDIR COMMANDS
# COMMANDS lists the command paths ("", "bench", "bench scatter", ...), one a line; the help of
# path P is HELPDIR/cmd_P with spaces as underscores. Completes subcommands, options, and the
# values of options: folders, files, or the choices a help text lists as "a | b | c".
set -euo pipefail
HELP="$1"; COMMANDS="$2"
helpfile() { echo "$HELP/$(echo "cmd $1" | tr ' ' '_')"; }

# One line per option of a help text: "NAME<TAB>KIND", KIND = flag | dir | file | any | words:a b c.
# CLI11 prints "  -h,--help   description", "  --data TEXT REQUIRED   description" and, for long
# option columns, the description on the next line.
options() {
  awk '
    function kind(name, type, desc,   d) {
      if (type == "") return "flag"
      d = tolower(desc)
      if (desc ~ /^[a-z0-9_]+( \| [a-z0-9_]+)+$/) { gsub(/ \| /, " ", desc); return "words:" desc }
      if (type !~ /^TEXT/) return "any"
      if ((name == "--data" || name == "--cache" || d ~ /folder/) && d !~ /file/ && d !~ /^output:/) return "dir"
      if (name ~ /^--(output|input|db|paths|config|write-input|score)$/) return "file"
      return "any"
    }
    function flush() { if (pending != "") { n = split(pending, names, ","); for (i = 1; i <= n; i++) print names[i] "\t" kind(names[i], ptype, pdesc) } pending = "" }
    /^[^ ]/ { flush(); opts = ($0 ~ /^Options:/); next }
    opts && /^  -/ {
      flush()
      line = substr($0, 3)
      col = index(line, "  ")
      head = col ? substr(line, 1, col - 1) : line
      pdesc = col ? line : ""; sub(/^[^ ]+( [^ ]+)* +/, "", pdesc); if (!col) pdesc = ""
      split(head, parts, " ")
      pending = parts[1]; ptype = (head ~ / /) ? parts[2] : ""
      if (pdesc != "") flush()
      next
    }
    opts && pending != "" && /^ +[^ ]/ { pdesc = $0; sub(/^ +/, "", pdesc); flush() }
    END { flush() }' "$1"
}
subcommands() { awk '/^Subcommands:/ { s = 1; next } /^[^ ]/ { s = 0 } s && /^  [a-z]/ { print $1 }' "$1"; }

cat <<'HEAD'
# bash completion for dacl (DACL Studio's command line). Generated at build time from
# `dacl --help` and every subcommand's help by packaging/completion.sh: do not edit.
HEAD
echo "_dacl_subcommands() {"
echo "    case \"\$1\" in"
while read -r path; do
  subs="$(subcommands "$(helpfile "$path")" | tr '\n' ' ' | sed 's/ $//')"
  [ -z "$subs" ] || echo "        \"$path\") echo \"$subs\" ;;"
done < "$COMMANDS"
echo "    esac"
echo "}"
echo "_dacl_options() {"
echo "    case \"\$1\" in"
while read -r path; do
  opts="$(options "$(helpfile "$path")" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
  echo "        \"$path\") echo \"$opts\" ;;"
done < "$COMMANDS"
echo "    esac"
echo "}"
echo "# What the value of option \$2 of command path \$1 is: dir, file, any, words:..., or flag."
echo "_dacl_value() {"
echo "    case \"\$1|\$2\" in"
while read -r path; do
  options "$(helpfile "$path")" | while IFS=$'\t' read -r name kind; do
    [ "$kind" = flag ] || echo "        \"$path|$name\") echo \"$kind\" ;;"
  done
done < "$COMMANDS"
echo "        *) echo flag ;;"
echo "    esac"
echo "}"
cat <<'TAIL'
_dacl() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} path="" i w kind
    # The command path so far: the words that name a subcommand of the path before them.
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w != -* && " $(_dacl_subcommands "$path") " == *" $w "* ]]; then
            path=${path:+$path }$w
        fi
    done
    if [[ $prev == -* && $COMP_CWORD -gt 1 ]]; then
        kind=$(_dacl_value "$path" "$prev")
        case $kind in
            dir) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
            file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
            words:*) mapfile -t COMPREPLY < <(compgen -W "${kind#words:}" -- "$cur"); return ;;
            any) COMPREPLY=(); return ;;
        esac
    fi
    mapfile -t COMPREPLY < <(compgen -W "$(_dacl_subcommands "$path") $(_dacl_options "$path")" -- "$cur")
}
complete -F _dacl dacl
TAIL
