FROM alpine:3.20
run <<EOF
   set -e   
	echo "tab-indented"  
EOF
copy <<-EOT /etc/motd   
	hello   
	EOT
RUN <<A cat > /a && <<B cat > /b
  a body
A
  b body
B
CMD ["sh"]
