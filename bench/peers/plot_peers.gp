# Wall time per program and engine, median of the alternating rounds of
# bench/peers/run_peers.py (log scale): gnuplot -e "datafile='F.dat'; outfile='F.png'; engines=N"
set terminal pngcairo size 1000,560 noenhanced
set output outfile
set title "transformer-vm's engines and c2w's hull engine on transformer-vm's examples (median wall time, whole process)"
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y
set ylabel "seconds (log scale)"
set key top left
set grid ytics
set xtics rotate by -20
plot for [i=2:engines+1] datafile using i:xtic(1) title columnhead(i)
