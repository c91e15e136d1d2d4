# syntax=docker/dockerfile:1
# Heredocs for a multi-line RUN script and for inline files.
FROM debian:bookworm-slim

RUN <<EOT bash
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends nginx ca-certificates
rm -rf /var/lib/apt/lists/*
EOT

COPY <<-"EOF" /etc/nginx/conf.d/default.conf
	server {
	    listen 8080;
	    root /usr/share/nginx/html;
	    location /healthz { return 200 "ok\n"; }
	}
	EOF

RUN cat <<EOF > /usr/share/nginx/html/index.html
<!doctype html>
<title>hello</title>
<p>served by nginx</p>
EOF

EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
