# escape=`
# With a backtick escape the shell still reads backslashes; the fix lands after `install` on
# the line where the word ends.
FROM debian:12
# expect: apt-get-install-without-yes@5
RUN apt-get update && `
    apt-get install `
# a comment inside the continuation
      --no-install-recommends curl=7.88.1-10+deb12u8 && `
    echo "done\n"
