"""What the deployment exercise's checks share, whatever the framework: the proxy the statement describes,
the methods every rule holds for, and the headers a client may write that this proxy passes on untouched."""

BROWSER = "203.0.113.5"  # the browser's address: the proxy adds X-Forwarded-For with it to every request it forwards
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# Headers this proxy neither sets nor removes: whatever a client writes in them reaches the app as written.
FORGED = [
    {"Forwarded": "proto=https;host=evil.example;for=198.51.100.9"},
    {"X-Forwarded-Host": "evil.example"},
    {"X-Forwarded-Port": "8443"},
    {"X-Forwarded-Prefix": "/evil"},
    {"X-Real-IP": "198.51.100.9"},
    {"X-Forwarded-Ssl": "on"},
    {"Front-End-Https": "on"},
    {"X-Url-Scheme": "https"},
    {"X-Forwarded-Scheme": "https"},
    {"X-Forwarded-Protocol": "https"},
]
