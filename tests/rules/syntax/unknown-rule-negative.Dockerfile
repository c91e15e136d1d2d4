# check=skip=StageNameCasing,InvalidBaseImagePlatform;experimental=CopyIgnoredFile
# dfopt stage ignore=reserved-stage-name
FROM alpine:3.20 AS base
# ShellCheck codes in hadolint pragmas are ignored while the ShellCheck integration is off.
# hadolint ignore=SC2086
RUN echo $HOME
# IDs, names, aliases and categories all resolve, in any case for IDs and aliases.
# dfopt ignore=DF701,maintainer-instruction,dl4000,MaintainerDeprecated,style
MAINTAINER someone
# Prose that mentions dfopt ignore=nothing is no pragma.
RUN true
