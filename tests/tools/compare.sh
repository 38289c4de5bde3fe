# Tool behaviour both the host's POSIX tools and ours must show alike: run by
# a shell in a scratch directory ($1), without pipelines (so that it also runs
# on a system without pipe()), output normalised only where POSIX leaves the
# spacing free (wc).
cd "$1" || exit 99
printf 'banana\napple\ncherry\napple\n10\n9\n100\n' > f
echo '== cat'; cat f; cat f f > g; cat g - < f
echo '== sort'; sort f; sort -r f; sort -n f; sort -u f; sort -rn f
echo '== uniq'; sort f > s; uniq s; uniq -c s; uniq g
echo '== head tail'; head -n 2 f; tail -n 2 f; head -3 g; tail -n +6 f; tail -1 f
echo '== grep'; grep an f; grep -v an f; grep -c a f; grep -n '^a' f; grep -F 'p.l' f
grep 'c.*y$' f; grep '[0-9][0-9]' f; grep '^[^a-c]' f; grep 'p*le' f; grep 'x*' f > /dev/null
echo st=$?; grep zzz f; echo st=$?; grep -c zzz f; grep -n 'e$' f g; grep -i APPLE f
grep 'a\.' f; echo st=$?
echo '== cut'; cut -c 1-3 f; cut -c 2,4- f; printf 'a:b:c\nd:e:f\nnone\n' > c
cut -d : -f 2 c; cut -d : -f 1,3 c; cut -s -d : -f 3 c
echo '== tr'; tr a-z A-Z < f; tr -d a < f; tr -s p < f; tr -d '0-9\n' < f; echo; tr -c 'a\n' x < f
echo '== wc'; wc -l < f; wc -w f > w; read a b < w; echo $a $b; wc c > w; read a b c d < w; echo $a $b $c $d
echo '== names'; basename /a/b/c.txt .txt; basename /a/b/; basename c; dirname /a/b/c; dirname c
dirname /; dirname /a; dirname a/b/
echo '== files'; mkdir -p x/y/z; ls x; ls -R x; rmdir x/y/z; ls x/y; rm -r x; ls -d x 2>/dev/null
echo st=$?; touch t1 t2; ls; ln t1 h; ln -s t1 sl; ls -d sl h; rm t1; cat h; echo st=$?
cp f f2; cat f2; mkdir d; cp f f2 d; ls d; cp -r d e; ls e; mv f2 f3; ls; mv f3 d; ls d
rm -f nonexistent; echo st=$?; rm nonexistent 2>/dev/null; echo st=$?; rmdir d 2>/dev/null; echo st=$?
mkdir d 2>/dev/null; echo st=$?; mkdir -p d/n/m; echo st=$?; ls d/n
echo '== modes'; touch m; chmod 640 m; ls -l m > o; cut -c 1-10 o; chmod u+x,go-r m; ls -l m > o
cut -c 1-10 o; chmod a=r,u+w m; ls -l m > o; cut -c 1-10 o; chmod 4755 m; ls -l m > o; cut -c 1-10 o
mkdir md; chmod 1777 md; ls -ld md > o; cut -c 1-10 o; ln -s m lk; ls -l lk > o; cut -c 1 o
echo '== echo printf'; echo a b 'c  d'; echo -n x; echo y; printf '%s=%d\n' a 1 b 2; printf 'x%5.2sy\n' abc
printf '%o %x %X %c\n' 8 255 255 A; printf '%%\n'; printf '%b\n' 'a\tb'
echo '== env'; env -i A=1 B=2 env; env -i C=3 sh -c 'echo $C'
echo '== misc'; true; echo $?; false; echo $?; sleep 1; echo slept; pwd > p; read d < p; basename "$d"
