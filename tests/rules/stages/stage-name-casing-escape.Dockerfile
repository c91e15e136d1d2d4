# escape=`
# The name on a continuation line, with the backtick escape.
FROM golang:1.22 `
    # expect: stage-name-casing@8
    AS BUILD
from BUILD as final
copy --from=BUILD C:\out C:\app
