# Time per token against trace length for the dense and hull engines, from the
# curves bench_engines writes (columns: program engine tokens microseconds_per_token,
# one data set per program x engine, separated by two blank lines).
#
#   gnuplot bench/plot_engines.gp                      (from the repository root)
#   gnuplot -e "datafile='x.dat'; outfile='x.png'" bench/plot_engines.gp
#
# Both axes are logarithmic: an O(t) engine's cost per token is a line of slope 1,
# an O(log t) engine's is nearly flat. One colour per program; dense dashed, hull solid.

if (!exists("datafile")) datafile = 'bench/results/engines_curve.dat'
if (!exists("outfile")) outfile = 'bench/results/engines.png'

# The data sets in file order ("program engine"), and the programs, read with awk
# because gnuplot has no string columns to group by.
sets = system("awk '$1 !~ /^#/ && NF == 4 && !seen[$1 \" \" $2]++ { printf \"%s:%s \", $1, $2 }' " . datafile)
programs = system("awk '$1 !~ /^#/ && NF == 4 && !seen[$1]++ { printf \"%s \", $1 }' " . datafile)
if (words(sets) == 0) { print "plot_engines.gp: no curves in " . datafile; exit }

set_program(s) = s[1:strstrt(s, ":") - 1]
set_engine(s) = s[strstrt(s, ":") + 1:]
# Dense dashed. (A function: `dt (...)` would be read as a dash pattern.)
dash(s) = set_engine(s) eq "dense" ? 2 : 1
# 1-based position of program p in `programs`: one more than the words before it.
padded = " " . programs
program_index(p) = words(padded[1:strstrt(padded, " " . p . " ")]) + 1

set terminal pngcairo size 1400,900 enhanced font ",11"
set output outfile
set title "c2w engines: time per generated token as the trace grows (window averages)"
set xlabel "trace length (tokens)"
set ylabel "time per token (µs)"
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set grid xtics ytics mxtics mytics lc rgb "#dddddd"
set key outside right top title "program engine"

plot for [i = 1:words(sets)] datafile index (i - 1) using 3:4 with linespoints lw 2 pt 7 ps 0.5 \
    lc program_index(set_program(word(sets, i))) \
    dt dash(word(sets, i)) \
    title sprintf("%s %s", set_program(word(sets, i)), set_engine(word(sets, i)))
