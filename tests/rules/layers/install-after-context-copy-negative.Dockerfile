# Manifests first, then the context; installs that add named packages; COPY --from; a later
# stage; ONBUILD; a powershell SHELL.
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm ci --omit=dev
RUN npm install express && pip install flask && yarn add react && cargo build
COPY --from=node:20 . /x
FROM python:3.12
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --from=0 /app /app
RUN npm ci
ONBUILD COPY . .
ONBUILD RUN pip install -r requirements.txt
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
COPY . .
RUN npm ci
