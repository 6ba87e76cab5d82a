from flask import Flask, render_template

app = Flask(__name__)  # (1)!


@app.get("/")
def home():
    return render_template("flask_page.html")  # (2)!
